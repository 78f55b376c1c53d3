"""Step 2 (train): LoRA on a Whisper base; adapter-only checkpoints; resumes where it stopped."""

from __future__ import annotations

import json
import logging
import random
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .args import TrainArguments
from .whisper import SpeechCollator, load_base, load_processor, set_threads

__all__ = ["TrainResult", "train"]

log = logging.getLogger(__name__)
STATE = "trainer_state.pt"


@dataclass
class TrainResult:
    """Where the adapter is, and the loss curve that shows the run learned something."""

    adapter_dir: str
    steps: int
    train_losses: list[float] = field(default_factory=list)
    eval_losses: dict[int, float] = field(default_factory=dict)
    resumed_from: int = 0


def _rows(dataset_dir: str, split: str, limit: int, seed: int) -> Any:
    from datasets import load_from_disk

    ds = load_from_disk(dataset_dir)[split]
    if limit and len(ds) > limit:
        ds = ds.shuffle(seed=seed).select(range(limit))
    return ds.with_format("numpy", columns=["audio"], output_all_columns=True)


def _mixed_order(
    n_child: int, n_adult: int, fraction: float, rng: random.Random
) -> list[tuple[int, int]]:
    """One epoch of (source, row): all child rows plus adult rows making `fraction` of the total."""
    order = [(0, i) for i in range(n_child)]
    if n_adult and fraction > 0:
        want = round(n_child * fraction / max(1e-9, 1.0 - fraction))
        order += [(1, rng.randrange(n_adult)) for _ in range(want)]
    rng.shuffle(order)
    return order


def _latest_checkpoint(out: Path) -> Path | None:
    found = sorted(out.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    found = [p for p in found if (p / STATE).exists()]
    return found[-1] if found else None


def _save(
    model: Any, opt: Any, sched: Any, step: int, losses: list[float], out: Path, keep: int
) -> None:
    """Adapter weights + optimizer state only (MBs, not the GBs of the base), written atomically."""
    import torch

    target = out / f"checkpoint-{step}"
    tmp = out / f".checkpoint-{step}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(str(tmp))
    torch.save(
        {
            "step": step,
            "optimizer": opt.state_dict(),
            "scheduler": sched.state_dict(),
            "losses": losses,
        },
        tmp / STATE,
    )
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    checkpoints = sorted(out.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    for old in checkpoints[: max(0, len(checkpoints) - keep)]:
        shutil.rmtree(old, ignore_errors=True)


def _eval_loss(model: Any, rows: Any, collate: SpeechCollator, batch_size: int) -> float:
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.inference_mode():
        for i in range(0, len(rows), batch_size):
            batch = collate([rows[j] for j in range(i, min(i + batch_size, len(rows)))])
            batch = {k: v.to(model.device) for k, v in batch.items()}
            n = len(batch["labels"])
            total += float(model(**batch).loss) * n
            count += n
    model.train()
    return total / max(1, count)


def train(args: TrainArguments) -> TrainResult:
    """Run step 2; stopping (Ctrl-C) saves a checkpoint that the next run resumes from."""
    import torch
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    from peft.utils import set_peft_model_state_dict
    from safetensors.torch import load_file
    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup

    # 1. data: the child train split, optionally mixed with adult speech
    set_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    out = Path(args.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    child = _rows(args.dataset_dir, "train", args.max_train_samples, args.seed)
    adult = _rows(args.adult_dataset_dir, "train", 0, args.seed) if args.adult_dataset_dir else None
    evalset = _rows(args.dataset_dir, "validation", args.max_eval_samples, args.seed)
    if len(child) == 0:
        raise ValueError(f"{args.dataset_dir} has no training rows")

    # 2. model: base (8-bit on CUDA) + LoRA on the attention projections
    eight_bit = args.load_in_8bit and torch.cuda.is_available()
    base = load_base(args.base_model, eight_bit=eight_bit)
    if eight_bit:
        base = prepare_model_for_kbit_training(base)
    processor = load_processor(args.base_model)
    lora = LoraConfig(
        r=args.lora_r,
        lora_alpha=args.lora_alpha,
        lora_dropout=args.lora_dropout,
        target_modules=list(args.target_modules),
        bias="none",
    )
    model = get_peft_model(base, lora)
    collate = SpeechCollator(processor, base, args.language, args.task)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.learning_rate)
    sched = get_linear_schedule_with_warmup(opt, args.warmup_steps, args.max_steps)

    # 3. resume from the newest checkpoint, if any
    result = TrainResult(adapter_dir=str(out / "adapter"), steps=0)
    last = _latest_checkpoint(out)
    if last is not None:
        state = torch.load(last / STATE, weights_only=False)
        set_peft_model_state_dict(model, load_file(str(last / "adapter_model.safetensors")))
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        result.steps = result.resumed_from = int(state["step"])
        result.train_losses = list(state["losses"])
        log.info("resuming from %s (step %d)", last, result.steps)

    # 4. the loop: optimizer steps over shuffled epochs, eval and save every N steps
    def rows_of(order: list[tuple[int, int]]) -> list[dict[str, Any]]:
        return [child[i] if src == 0 else adult[i] for src, i in order]  # type: ignore[index]

    # (a resumed run starts a freshly shuffled epoch: the order, not the content, differs)
    n_adult = len(adult) if adult is not None else 0
    epoch = _mixed_order(len(child), n_adult, args.adult_fraction, rng)
    cursor = 0
    model.train()
    bar = tqdm(total=args.max_steps, initial=result.steps, desc="train", unit="step", disable=None)
    try:
        while result.steps < args.max_steps:
            opt.zero_grad()
            step_loss = 0.0
            for _micro in range(args.gradient_accumulation_steps):
                if cursor + args.batch_size > len(epoch):
                    epoch = _mixed_order(len(child), n_adult, args.adult_fraction, rng)
                    cursor = 0
                batch = collate(rows_of(epoch[cursor : cursor + args.batch_size]))
                cursor += args.batch_size
                batch = {k: v.to(model.device) for k, v in batch.items()}
                loss = model(**batch).loss / args.gradient_accumulation_steps
                loss.backward()
                step_loss += float(loss.detach())
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            result.steps += 1
            result.train_losses.append(step_loss)
            bar.update()
            bar.set_postfix(loss=f"{step_loss:.3f}")
            log.info("step %d/%d loss %.4f", result.steps, args.max_steps, step_loss)
            if args.eval_steps and result.steps % args.eval_steps == 0 and len(evalset):
                result.eval_losses[result.steps] = _eval_loss(
                    model, evalset, collate, args.batch_size
                )
                log.info(
                    "step %d validation loss %.4f", result.steps, result.eval_losses[result.steps]
                )
            if args.save_steps and result.steps % args.save_steps == 0:
                _save(
                    model, opt, sched, result.steps, result.train_losses, out, args.save_total_limit
                )
    except KeyboardInterrupt:
        log.warning("interrupted at step %d: saving a checkpoint to resume from", result.steps)
        _save(model, opt, sched, result.steps, result.train_losses, out, args.save_total_limit)
        raise
    finally:
        bar.close()

    # 5. the final adapter (adapter-only) and the loss record
    model.save_pretrained(result.adapter_dir)
    processor.save_pretrained(result.adapter_dir)  # evaluate/export find the tokenizer here too
    (out / "train_result.json").write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
    return result
