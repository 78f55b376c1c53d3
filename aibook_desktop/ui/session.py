"""What the app remembers about the child at the screen, and forgets on an idle reset."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..engine.book import Book, Hero, Page, Theme
from ..engine.logs import forget_child_data

__all__ = ["Session"]


@dataclass
class Session:
    """The current child's choices plus the book being made, rebuilt from engine events.

    The live book lets page 1 be read while later pages are drawn: the engine thread is busy
    with the job, so the shelf cannot be asked for it until the job ends.
    """

    hero_kind: str = ""
    child_name: str = ""
    theme_text: str = ""
    lang: str = "en"
    live: Book | None = None
    live_dir: Path | None = None
    _texts: dict[int, str] = field(default_factory=dict)

    def forget(self) -> None:
        """Nothing of the last child stays: name, hero, theme, and the book in progress."""
        forget_child_data()  # the log redactor's list of this child's words goes too
        self.hero_kind = self.child_name = self.theme_text = ""
        self.live = None
        self.live_dir = None
        self._texts = {}

    def start_live(self, book_id: str, title: str, page_count: int) -> Book:
        hero = Hero.default(self.hero_kind or "cat", self.lang, self.child_name)
        self.live = Book(
            title, self.lang, hero, Theme(self.theme_text), page_count=page_count, id=book_id
        )
        self.live_dir = None
        self._texts = {}
        return self.live

    def add_text(self, index: int, text: str) -> Page | None:
        """The page's text is known; pages are added in order, as the reader turns them."""
        if self.live is None:
            return None
        self._texts[index] = text
        if index == len(self.live.pages):
            page = Page(index, text, "")
            self.live.pages.append(page)
            return page
        return None

    def add_image(self, index: int, path: str) -> None:
        if self.live is None:
            return
        self.live_dir = Path(path).parent
        page = self.live.page(index)
        if page is not None:
            page.image_file = Path(path).name
