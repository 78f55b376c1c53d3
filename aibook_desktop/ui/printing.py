"""Printing a book: one sheet per page, the picture on top and the text under it.

Painting onto a QPrinter is allowed off the GUI thread (QImage, not QPixmap), so a long print
job runs in the thread pool and the window keeps moving.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..engine.book import Book

__all__ = ["PrintJob", "kiosk_printer", "paint_book", "pdf_printer", "printer_names"]

log = logging.getLogger(__name__)


def pdf_printer(path: str | Path) -> QPrinter:
    """A QPrinter that writes an A4 PDF (what a print job does where no printer can be asked)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def printer_names() -> list[str]:
    """The printers the system knows (CUPS on Linux), for the parent area's choice."""
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def kiosk_printer(name: str) -> QPrinter | None:
    """A QPrinter for the printer a grown-up chose, with no dialog; None if it is not there.

    Never a file: a kiosk that printed to a file would need somewhere to choose it.
    """
    if not name:
        return None
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setOutputFileName("")
    return printer if printer.isValid() else None


def paint_book(book: Book, book_dir: Path, printer: QPrinter, family: str = "") -> int:
    """Paint every page of ``book`` onto ``printer``; returns the number of sheets."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        area.moveTo(0, 0)
        font = QFont(family) if family else QFont()
        font.setPixelSize(max(12, int(area.height() * 0.028)))
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPixelSize(int(font.pixelSize() * 1.5))
        sheets = 0
        for i, page in enumerate(book.pages):
            if i:
                printer.newPage()
            picture_box = QRectF(area.left(), area.top(), area.width(), area.height() * 0.68)
            if i == 0:
                painter.setFont(title_font)
                painter.setPen(QColor("#E8623A"))
                title_box = QRectF(area.left(), area.top(), area.width(), area.height() * 0.07)
                painter.drawText(title_box, Qt.AlignmentFlag.AlignCenter, book.title)
                picture_box.adjust(0, title_box.height(), 0, 0)
            image = QImage(str(book_dir / page.image_file)) if page.image_file else QImage()
            if not image.isNull():
                side = min(picture_box.width(), picture_box.height())
                target = QRectF(0, 0, side, side)
                target.moveCenter(picture_box.center())
                painter.drawImage(target, image)
            painter.setFont(font)
            painter.setPen(QColor("#3E2723"))
            text_box = QRectF(
                area.left(), picture_box.bottom() + area.height() * 0.03,
                area.width(), area.bottom() - picture_box.bottom() - area.height() * 0.06,
            )  # fmt: skip
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(text_box, int(flags) | int(Qt.TextFlag.TextWordWrap), page.text)
            painter.setPen(QColor("#8D6E63"))
            painter.drawText(
                QRectF(area.left(), area.bottom() - area.height() * 0.03, area.width(),
                       area.height() * 0.03),
                Qt.AlignmentFlag.AlignCenter, str(i + 1),
            )  # fmt: skip
            sheets += 1
        return sheets
    finally:
        painter.end()


class _Runner(QRunnable):
    def __init__(self, job: PrintJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            sheets = paint_book(job.book, job.book_dir, job.printer, job.family)
        except Exception as exc:  # a jammed printer must not take the app with it
            log.warning("printing %s failed: %s", job.book.id, exc)
            job.failed.emit(str(exc))
            return
        job.done.emit(sheets)


class PrintJob(QObject):
    """Prints one book in the thread pool.

    Signals:
        done(int sheets)
        failed(str reason)
    """

    done = Signal(int)
    failed = Signal(str)

    def __init__(
        self, book: Book, book_dir: Path, printer: QPrinter, family: str = "",
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.book, self.book_dir, self.printer, self.family = book, book_dir, printer, family

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runner(self))
