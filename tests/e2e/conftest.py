"""The server the end-to-end modules share: it must log no error or traceback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.cluster import Cluster, assert_clean_log, running_server


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """The shared server of this module; it must log no error or traceback."""
    data_dir = tmp_path_factory.mktemp("cluster")
    with running_server(data_dir) as c:
        yield c
    assert_clean_log(data_dir)
