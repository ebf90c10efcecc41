"""The embedded broker binary is checked before it is run."""

from __future__ import annotations

import platform

import pytest

from streams.transport import embedded


def test_a_binary_with_another_checksum_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "tansu"
    fake.write_bytes(b"#!/bin/sh\necho not tansu\n")
    monkeypatch.setitem(embedded.TANSU_SHA256, (platform.system(), platform.machine()), "0" * 64)
    embedded.verify_binary.cache_clear()
    with pytest.raises(embedded.EmbeddedBrokerUnavailable, match="sha256"):
        embedded.verify_binary(fake)


def test_the_installed_binary_matches_the_pinned_checksum():
    if (platform.system(), platform.machine()) not in embedded.TANSU_SHA256:
        pytest.skip("no pinned checksum for this machine")
    embedded.verify_binary.cache_clear()
    assert embedded.tansu_binary().exists()
