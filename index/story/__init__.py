"""Across the corpus: the groups of syndicated copies of one wire story
(``groups`` the data, ``signatures`` the MinHash signatures kept beside the
index, ``syndication`` the grouping)."""

from .groups import Copy, CopyCounts, CopyGroup, Syndication

__all__ = ["Copy", "CopyCounts", "CopyGroup", "Syndication"]
