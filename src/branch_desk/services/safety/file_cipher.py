"""Sealing files with AES-256-GCM, and the scrypt key derivation under a password.

A sealed file is ``BDENC1``, an 8-byte nonce prefix, then 1 MiB chunks each authenticated with
its index and whether it is the last one (so no chunk can be dropped, reordered or appended).
Used for the attachments of an encrypted data dir (sealed.py) and of its backups
(backup_sealing.py).
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import Any

from ...domain.errors import UserError
from ...storage import cipher

MAGIC = b"BDENC1"
CHUNK = 1024 * 1024
TAG = 16
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def derive_key(password: str, salt: bytes, cost: dict[str, Any] | None = None) -> bytes:
    """Derive a 256-bit AES key from ``password`` with scrypt."""
    params = SCRYPT if cost is None else cost
    n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
    if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise UserError("备份文件的加密参数无效。")
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _aead(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def seal_file(key: bytes, source: Path, target: Path) -> None:
    """Encrypt ``source`` into ``target`` in 1 MiB AES-GCM chunks (order and end authenticated)."""
    aead = _aead(key)
    prefix = secrets.token_bytes(8)
    with open(source, "rb") as src, open(target, "wb") as out:
        out.write(MAGIC + prefix)
        index = 0
        chunk = src.read(CHUNK)
        while True:
            following = src.read(CHUNK)
            last = not following
            nonce = prefix + index.to_bytes(4, "big")
            out.write(aead.encrypt(nonce, chunk, b"last" if last else b"more"))
            if last:
                break
            chunk, index = following, index + 1


def open_sealed(key: bytes, source: Path, target: Path) -> None:
    """Decrypt a file written by :func:`seal_file`; raise UserError if it was altered."""
    from cryptography.exceptions import InvalidTag

    aead = _aead(key)
    with open(source, "rb") as src, open(target, "wb") as out:
        head = src.read(len(MAGIC) + 8)
        if head[: len(MAGIC)] != MAGIC:
            raise UserError("备份中的附件不是加密格式。")
        prefix = head[len(MAGIC) :]
        index = 0
        chunk = src.read(CHUNK + TAG)
        while True:
            following = src.read(CHUNK + TAG)
            last = not following
            nonce = prefix + index.to_bytes(4, "big")
            try:
                out.write(aead.decrypt(nonce, chunk, b"last" if last else b"more"))
            except InvalidTag:
                raise cipher.WrongPassword("密码错误，或附件已损坏；未做任何改动。") from None
            if last:
                break
            chunk, index = following, index + 1
