"""Reads are shared inside a build and fresh outside it."""

from branch_desk.services.shared_reads import shared, shared_list, shared_reads, sharing


def test_outside_a_build_every_call_reads() -> None:
    calls = []
    assert shared("k", lambda: calls.append(1) or len(calls)) == 1
    assert shared("k", lambda: calls.append(1) or len(calls)) == 2
    assert not sharing()


def test_inside_a_build_a_read_is_made_once_and_lists_are_copies() -> None:
    calls = []

    def read() -> list[int]:
        calls.append(1)
        return [1, 2]

    with shared_reads():
        first = shared_list("k", read)
        first.append(3)  # a caller's own copy
        with shared_reads():  # a nested build joins the outer one
            assert shared_list("k", read) == [1, 2]
        assert sharing()
    assert len(calls) == 1
    assert shared_list("k", read) == [1, 2] and len(calls) == 2
