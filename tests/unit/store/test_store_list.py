"""list: prefixes, past revisions, limit and continue tokens."""

from __future__ import annotations

import asyncio

import pytest

from minikube_py.store import Compacted, FutureRevision, InvalidContinue, InvalidKey, KeyValue
from minikube_py.store.sqlite import SQLiteStore


async def put_all(store: SQLiteStore, keys: list[str]) -> None:
    for key in keys:
        await store.create(key, key.encode())


async def test_list_returns_keys_under_the_prefix_in_key_order(store: SQLiteStore) -> None:
    await put_all(store, ["/r/pods/b", "/r/pods/a", "/r/podsx/c", "/r/pod", "/r/services/a"])
    result = await store.list("/r/pods/")
    assert [kv.key for kv in result.items] == ["/r/pods/a", "/r/pods/b"]
    assert result.revision == 5
    assert (result.continue_token, result.remaining) == (None, 0)


async def test_a_prefix_without_slash_is_a_plain_string_prefix(store: SQLiteStore) -> None:
    await put_all(store, ["/r/pods/a", "/r/podsx/c", "/r/pod", "/r/q"])
    assert [kv.key for kv in (await store.list("/r/pod")).items] == [
        "/r/pod",
        "/r/pods/a",
        "/r/podsx/c",
    ]


async def test_empty_prefix_lists_everything(store: SQLiteStore) -> None:
    await put_all(store, ["/b", "/a/x", "/\U0010ffff"])
    assert [kv.key for kv in (await store.list("")).items] == ["/a/x", "/b", "/\U0010ffff"]


async def test_prefix_ending_in_the_largest_code_point_is_bounded_correctly(
    store: SQLiteStore,
) -> None:
    await put_all(store, ["/a\U0010ffff", "/a\U0010ffffz", "/b"])
    assert [kv.key for kv in (await store.list("/a\U0010ffff")).items] == [
        "/a\U0010ffff",
        "/a\U0010ffffz",
    ]


async def test_non_ascii_keys_sort_and_match_by_code_point(store: SQLiteStore) -> None:
    await put_all(store, ["/ü/1", "/u/1", "/€/1", "/ü1"])
    assert [kv.key for kv in (await store.list("/ü/")).items] == ["/ü/1"]
    assert [kv.key for kv in (await store.list("/")).items] == ["/u/1", "/ü/1", "/ü1", "/€/1"]


async def test_list_at_a_past_revision_shows_the_state_then(store: SQLiteStore) -> None:
    a = await store.create("/p/a", b"a1")
    b = await store.create("/p/b", b"b1")
    a2 = await store.update("/p/a", b"a2", a)
    await store.delete("/p/b")
    await store.create("/p/c", b"c1")
    assert (await store.list("/p/", revision=b)).items == [
        KeyValue("/p/a", b"a1", a, a),
        KeyValue("/p/b", b"b1", b, b),
    ]
    at_a2 = await store.list("/p/", revision=a2)
    assert at_a2.revision == a2
    assert [(kv.key, kv.value) for kv in at_a2.items] == [("/p/a", b"a2"), ("/p/b", b"b1")]
    assert [kv.key for kv in (await store.list("/p/", revision=a2 + 1)).items] == ["/p/a"]
    assert (await store.list("/p/", revision=a)).items == [KeyValue("/p/a", b"a1", a, a)]


async def test_list_of_a_future_revision_fails(store: SQLiteStore) -> None:
    await store.create("/a", b"1")
    with pytest.raises(FutureRevision):
        await store.list("/", revision=2)


async def test_list_below_the_compaction_point_fails(store: SQLiteStore) -> None:
    for i in range(5):
        await store.create(f"/k{i}", b"v")
    await store.compact(3)
    with pytest.raises(Compacted):
        await store.list("/", revision=2)
    assert len((await store.list("/", revision=3)).items) == 3


async def test_malformed_prefixes_are_rejected(store: SQLiteStore) -> None:
    for prefix in ["a/", "/a//", "/\x00", 3]:
        with pytest.raises(InvalidKey):
            await store.list(prefix)  # type: ignore[arg-type]
        with pytest.raises(InvalidKey):
            store.watch(prefix, 0)  # type: ignore[arg-type]


async def test_limit_pages_through_every_key_exactly_once(store: SQLiteStore) -> None:
    keys = [f"/p/{i:03d}" for i in range(25)]
    await put_all(store, keys)
    seen: list[str] = []
    token = None
    remaining = []
    while True:
        page = await store.list("/p/", limit=10, continue_token=token)
        seen += [kv.key for kv in page.items]
        remaining.append(page.remaining)
        token = page.continue_token
        if token is None:
            break
    assert seen == keys
    assert remaining == [15, 5, 0]


async def test_a_limit_equal_to_the_count_has_no_continue(store: SQLiteStore) -> None:
    await put_all(store, ["/p/a", "/p/b"])
    page = await store.list("/p/", limit=2)
    assert (len(page.items), page.continue_token, page.remaining) == (2, None, 0)


async def test_continue_resumes_at_the_first_pages_revision_while_writes_happen(
    store: SQLiteStore,
) -> None:
    await put_all(store, [f"/p/{i:03d}" for i in range(30)])
    first = await store.list("/p/", limit=10)
    expected = [kv.key for kv in (await store.list("/p/")).items]

    async def churn() -> None:
        for i in range(30):
            await store.delete(f"/p/{i:03d}")
            await store.create(f"/p/{i:03d}x", b"new")

    writes = asyncio.create_task(churn())
    seen = [kv.key for kv in first.items]
    token = first.continue_token
    while token is not None:
        page = await store.list("/p/", limit=10, continue_token=token)
        assert page.revision == first.revision
        seen += [kv.key for kv in page.items]
        token = page.continue_token
        await asyncio.sleep(0)  # let the churn interleave with the pages
    await writes
    assert seen == expected
    assert all(
        kv.value == kv.key.encode() for kv in (await store.list("/p/", first.revision)).items
    )


async def test_continue_with_a_compacted_revision_fails(store: SQLiteStore) -> None:
    await put_all(store, [f"/p/{i}" for i in range(4)])
    page = await store.list("/p/", limit=2)
    await store.create("/p/z", b"v")
    await store.compact(await store.current_revision())
    with pytest.raises(Compacted):
        await store.list("/p/", continue_token=page.continue_token)


@pytest.mark.parametrize("token", ["", "not-base64!!", "eyJ2Ijo5fQ", "e30"])
async def test_garbage_continue_tokens_are_invalid(store: SQLiteStore, token: str) -> None:
    with pytest.raises(InvalidContinue):
        await store.list("/p/", continue_token=token)


async def test_a_continue_token_is_bound_to_its_prefix_and_revision(store: SQLiteStore) -> None:
    await put_all(store, ["/p/a", "/p/b", "/q/a"])
    page = await store.list("/p/", limit=1)
    assert page.continue_token is not None
    with pytest.raises(InvalidContinue):
        await store.list("/q/", continue_token=page.continue_token)
    with pytest.raises(InvalidContinue):
        await store.list("/p/", revision=1, continue_token=page.continue_token)
    same = await store.list("/p/", revision=page.revision, continue_token=page.continue_token)
    assert [kv.key for kv in same.items] == ["/p/b"]


async def test_paging_at_a_past_revision_counts_what_remains(store: SQLiteStore) -> None:
    await put_all(store, [f"/p/{i}" for i in range(6)])
    at = await store.current_revision()
    await store.delete("/p/0")
    await store.create("/p/9", b"v")
    page = await store.list("/p/", revision=at, limit=4)
    assert [kv.key for kv in page.items] == ["/p/0", "/p/1", "/p/2", "/p/3"]
    assert page.remaining == 2
    rest = await store.list("/p/", limit=4, continue_token=page.continue_token)
    assert [kv.key for kv in rest.items] == ["/p/4", "/p/5"]
    assert (rest.remaining, rest.continue_token) == (0, None)
