"""`-o` naming something that is not a regular file (a FIFO, /dev/stdout, /dev/full): pncaf
writes into it; replacing it by a regular file (as the atomic rename did) broke the
device for every other program, and said « wrote » although nothing reached the reader."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from pncaf.files.atomic import write_bytes_atomic


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)   # a reader waits on the pipe
    try:
        write_bytes_atomic(fifo, b"id,nom\n")
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert os.read(reader, 100) == b"id,nom\n"
    finally:
        os.close(reader)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_link_to_a_fifo_is_written_into(tmp_path: Path) -> None:
    # `-o /dev/stdout` is a link to the pipe the shell gave pncaf
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_bytes_atomic(link, b"ok\n")
        assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)
        assert os.read(reader, 100) == b"ok\n"
    finally:
        os.close(reader)
