"""Transcript rules, label parsing, disjoint splits and CER: the pure parts of aibook-train."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aihub_fixture import label_json

from aibook_desktop.training.aihub import age_group, read_label, sentence_id, speaker_group
from aibook_desktop.training.cleaning import (
    CleaningOptions,
    choose_dual_transcription,
    clean_transcript,
    handle_fillers,
    handle_repetitions,
    handle_unintelligible,
    normalise_spacing,
    remove_noise_tags,
    remove_uncertain_marks,
    resolve_spoken_tags,
)
from aibook_desktop.training.metrics import edit_distance, normalise_for_cer, score
from aibook_desktop.training.splits import assign_groups, disjoint_splits


def test_dual_transcription_picks_the_chosen_side() -> None:
    text = "(3)/(세) 번 (70%)/(칠십 퍼센트)로"
    assert choose_dual_transcription(text) == "3 번 70%로"
    assert choose_dual_transcription(text, "pronunciation") == "세 번 칠십 퍼센트로"


def test_noise_tags_go_but_words_ending_in_those_letters_stay() -> None:
    assert remove_noise_tags("b/ 불 l/ 켜 o/ 줘 n/").split() == ["불", "켜", "줘"]
    assert remove_noise_tags("turn on/off") == "turn on/off"  # "on/" is not a tag


def test_unintelligible_utterance_is_dropped_or_marked() -> None:
    assert handle_unintelligible("u/ 불 켜 줘") is None
    assert handle_unintelligible("u/ 불 켜 줘", "mark", "[unk]") == "[unk]  불 켜 줘"
    assert handle_unintelligible("불 켜 줘") == "불 켜 줘"
    assert clean_transcript("u/ 불 켜 줘") is None
    marked = clean_transcript("u/ 불 켜 줘", CleaningOptions(unintelligible="mark"))
    assert marked == "[unk] 불 켜 줘"


def test_asterisk_is_removed_and_the_word_kept() -> None:
    assert remove_uncertain_marks("뽀로로* 보여 줘") == "뽀로로 보여 줘"


def test_fillers_are_dropped_or_kept_without_slash() -> None:
    assert handle_fillers("음/ 불 켜 줘").split() == ["불", "켜", "줘"]
    assert handle_fillers("음/ 불 켜 줘", "keep") == "음 불 켜 줘"


def test_repetitions_are_dropped_or_kept_without_plus() -> None:
    assert handle_repetitions("엄+ 엄마한테 전화해").split() == ["엄마한테", "전화해"]
    assert handle_repetitions("엄+ 엄마한테", "keep") == "엄 엄마한테"


def test_coded_tags_keep_their_spoken_part_even_nested() -> None:
    assert resolve_spoken_tags("(SP:공룡) 동화") == "공룡 동화"
    assert resolve_spoken_tags("(FP:(SP:어)) 불") == "어 불"
    assert resolve_spoken_tags("(NO: 삼) 번") == "삼 번"


def test_spacing_and_punctuation_are_normalised() -> None:
    assert normalise_spacing("  불   켜 줘 .  ") == "불 켜 줘."
    assert normalise_spacing("노래 {틀어} 줘 ?") == "노래 틀어 줘?"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("(3)/(세) 번 노래 틀어 줘.", "3 번 노래 틀어 줘."),
        ("b/ 엄+ 엄마 어/ 노래 틀어 줘 n/", "엄마 노래 틀어 줘"),
        ("(SP:뽀로로)* 보여 줘 .", "뽀로로 보여 줘."),
        ("o/ (FP:음) 불 꺼 줘", "불 꺼 줘"),  # a filled pause is a filler: dropped
        ("l/ n/", None),  # nothing left to say
        ("불 켜 줘b/", "불 켜 줘"),  # a tag glued to a word takes only itself away
        ("공룡n/ 그려 줘l/", "공룡 그려 줘"),
        ("(1/2)/(이분의 일) 컵 주세요", "1/2 컵 주세요"),  # a fraction keeps its slash
        ("(FP:어) 공룡 그려 줘", "공룡 그려 줘"),
        ("공룡u/ 먹어", None),  # glued u/ still means "nobody could hear it"
    ],
)
def test_clean_transcript_applies_every_rule_in_order(raw: str, clean: str | None) -> None:
    assert clean_transcript(raw) == clean


def test_read_label_uses_the_ai_hub_fields(tmp_path: Path) -> None:
    data = label_json("1001", "KMJ", "3~5", "b/ 불 켜 줘", "a.wav", "1.25", quality="Good")
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8-sig")  # BOM too
    rec = read_label(path)
    assert (rec.text, rec.raw_text, rec.wav_name) == ("불 켜 줘", "b/ 불 켜 줘", "a.wav")
    assert (rec.speaker, rec.age, rec.quality) == ("1001_KMJ", "3~5", "Good")
    assert rec.file_length_s == pytest.approx(1.25)
    assert rec.sampling_rate == 48000


def test_age_and_speaker_groups() -> None:
    assert age_group("3~5") == "3-5"
    assert age_group("7세") == "7"
    assert age_group("N/A") == "unknown"
    assert speaker_group("9~10") == "child"
    assert speaker_group("20~29") == "adult"
    assert speaker_group("") == "unknown"


def test_sentence_id_ignores_spacing_and_punctuation() -> None:
    assert sentence_id("불 켜 줘.") == sentence_id("불켜줘")
    assert sentence_id("불 켜 줘") != sentence_id("불 꺼 줘")


def test_splits_share_no_speaker_and_no_sentence() -> None:
    speakers = [f"s{i}" for i in range(10) for _ in range(8)]
    sentences = [f"t{j}" for _ in range(10) for j in range(8)]
    groups = ["child" if int(s[1:]) < 7 else "adult" for s in speakers]
    plan = disjoint_splits(speakers, sentences, groups, (0.6, 0.2, 0.2), seed=3)
    seen_spk: dict[str, set[str]] = {}
    seen_sent: dict[str, set[str]] = {}
    for split, idx in plan.indices.items():
        assert idx, f"{split} is empty"
        seen_spk[split] = {speakers[i] for i in idx}
        seen_sent[split] = {sentences[i] for i in idx}
    for a in plan.indices:
        for b in plan.indices:
            if a < b:
                assert not seen_spk[a] & seen_spk[b]
                assert not seen_sent[a] & seen_sent[b]
    assert sum(map(len, plan.indices.values())) + plan.dropped == len(speakers)
    assert {groups[i] for i in plan.indices["test"]} == {"child", "adult"}


def test_split_assignment_is_stable_when_data_grows() -> None:
    small = assign_groups([f"x{i}" for i in range(50)], (0.8, 0.1, 0.1), seed=0)
    assert small == assign_groups([f"x{i}" for i in reversed(range(50))], (0.8, 0.1, 0.1), 0)
    assert sorted(small.values()).count("test") == 5


def test_speaker_only_mode_keeps_every_row() -> None:
    plan = disjoint_splits(["a", "b", "c", "a"], ["x", "x", "y", "y"], disjoint="speaker")
    assert plan.dropped == 0
    assert sum(map(len, plan.indices.values())) == 4


def test_cer_ignores_spaces_and_punctuation_on_both_sides() -> None:
    assert normalise_for_cer("불 켜 줘!") == "불켜줘"
    s = score(["불 켜 줘.", "노래 틀어 줘"], ["불켜줘", "노래 들어 줘?"])
    assert s.cer == pytest.approx(1 / 8)
    assert s.sentence_accuracy == pytest.approx(0.5)
    assert s.char_accuracy == pytest.approx(7 / 8)


def test_edit_distance() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("abc", "") == 3


def test_a_filled_pause_follows_the_filler_policy() -> None:
    keep = CleaningOptions(fillers="keep")
    assert clean_transcript("(FP:어) 공룡 그려 줘", keep) == "어 공룡 그려 줘"
    assert clean_transcript("(FP:어) 공룡 그려 줘") == "공룡 그려 줘"
