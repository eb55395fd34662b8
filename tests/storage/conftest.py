from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.sqlite import Storage, open_storage


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    opened = await open_storage(tmp_path / "bot.db")
    yield opened
    await opened.close()
