"""Taking the book home (#14): a one-time link (and its QR code) that lends a book's PDFs to a
parent's phone on the local network, for a few minutes, with nothing else reachable."""

from __future__ import annotations

from .qr import qr_png
from .server import Offer, ShareServer, lan_address

__all__ = ["Offer", "ShareServer", "lan_address", "qr_png"]
