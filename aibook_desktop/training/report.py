"""The evaluation table as CSV and Markdown, and a bar chart PNG drawn with Pillow."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["ANSWER_90", "ResultRow", "plot_png", "write_csv", "write_markdown"]

ANSWER_90 = (
    '"90% accuracy" is answered by **sentence accuracy** (the share of utterances transcribed '
    "exactly, spaces and punctuation ignored) of the adapted model on the child test split: "
    "a command app is right when 9 of 10 requests come out whole. 1 - CER (character accuracy) "
    "is always higher and is not that number."
)


@dataclass(frozen=True)
class ResultRow:
    """One cell group of the table: a model on a subset of one data set."""

    model: str
    dataset: str
    group: str  # "all", "child", "adult", "age 3-5", ...
    n: int
    cer: float
    sentence_accuracy: float


def write_csv(rows: Sequence[ResultRow], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ResultRow.__dataclass_fields__))
        writer.writeheader()
        for row in rows:
            writer.writerow(asdict(row))


def write_markdown(rows: Sequence[ResultRow], path: Path, title: str = "Evaluation") -> str:
    lines = [
        f"## {title}",
        "",
        "| model | data | group | n | CER | sentence accuracy |",
        "|---|---|---|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.model} | {r.dataset} | {r.group} | {r.n} | {r.cer:.3f} "
            f"| {r.sentence_accuracy:.3f} |"
        )
    lines += ["", ANSWER_90, ""]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


_COLOURS = [(66, 133, 244), (234, 67, 53), (52, 168, 83), (251, 188, 5), (154, 70, 196)]


def plot_png(rows: Sequence[ResultRow], path: Path, metric: str = "cer") -> None:
    """Grouped bars: one group per (data set, subset), one bar per model; lower CER is better."""
    from PIL import Image, ImageDraw, ImageFont

    models = list(dict.fromkeys(r.model for r in rows))
    groups = list(dict.fromkeys((r.dataset, r.group) for r in rows))
    value = {(r.model, r.dataset, r.group): float(getattr(r, metric)) for r in rows}
    top = max([*value.values(), 1e-6])
    bar_w, gap, left, bottom, height = 22, 26, 60, 110, 360
    width = left + len(groups) * (len(models) * bar_w + gap) + 180
    img = Image.new("RGB", (max(width, 420), height + bottom + 40), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default()
    y0 = 30 + height
    draw.line([(left, 30), (left, y0), (width - 170, y0)], fill="black")
    for k in range(5):  # axis ticks
        v = top * k / 4
        y = y0 - height * k / 4
        draw.line([(left - 4, y), (left, y)], fill="black")
        draw.text((4, y - 6), f"{v:.2f}", fill="black", font=font)
    x = left + gap / 2
    for ds, group in groups:
        for m, model in enumerate(models):
            got = value.get((model, ds, group))
            if got is not None:
                h = height * got / top
                draw.rectangle([x, y0 - h, x + bar_w - 2, y0], fill=_COLOURS[m % len(_COLOURS)])
            x += bar_w
        draw.text((x - len(models) * bar_w, y0 + 6), f"{ds}", fill="black", font=font)
        draw.text((x - len(models) * bar_w, y0 + 20), f"{group}", fill="black", font=font)
        x += gap
    for m, model in enumerate(models):  # legend
        ly = 40 + 18 * m
        draw.rectangle([width - 160, ly, width - 148, ly + 12], fill=_COLOURS[m % len(_COLOURS)])
        draw.text((width - 142, ly), model, fill="black", font=font)
    better = "lower" if metric == "cer" else "higher"
    draw.text((left, 8), f"{metric} by group ({better} is better)", fill="black", font=font)
    img.save(path)
