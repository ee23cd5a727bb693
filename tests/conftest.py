"""Fixtures shared by every suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cluster import Cluster, running_server


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """One real `mkpy server` process shared by the tests of a module."""
    data_dir: Path = tmp_path_factory.mktemp("cluster")
    with running_server(data_dir) as c:
        yield c
