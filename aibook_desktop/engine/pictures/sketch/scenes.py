"""The twelve settings a page can be set in; each one paints a clearly different world."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .canvas import Canvas

__all__ = ["Scene", "free_spots", "register"]

Avoid = tuple[float, float]  # the x-range (supersampled px) the hero will stand in


@dataclass(frozen=True)
class Scene:
    """A setting's painters: ``back`` (sky, far things, ground), ``props`` (behind the hero,
    kept out of its way) and ``front`` (things in front of the hero: snow, bubbles, leaves).

    ``ground`` is where the hero's feet go, as a fraction of the page height.
    """

    name: str
    ground: float
    back: Callable[[Canvas, np.random.Generator], None]
    props: Callable[[Canvas, np.random.Generator, Avoid], None]
    front: Callable[[Canvas, np.random.Generator], None] | None = None


SCENES: dict[str, Scene] = {}


def register(scene: Scene) -> Scene:
    SCENES[scene.name] = scene
    return scene


def free_spots(
    c: Canvas, rng: np.random.Generator, n: int, avoid: Avoid, margin: float = 0.05
) -> list[float]:
    """Up to ``n`` x positions spread over the page but outside the hero's x-range."""
    spots: list[float] = []
    for _ in range(n * 8):
        x = rng.uniform(margin, 1 - margin) * c.W
        if avoid[0] <= x <= avoid[1]:
            continue
        if all(abs(x - s) > c.W * 0.07 for s in spots):
            spots.append(x)
        if len(spots) == n:
            break
    return spots
