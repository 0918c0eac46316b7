"""Keep the program off the network.

Presidio's e-mail and URL checks call `tldextract.extract`, whose default extractor fetches the
public suffix list online on first use. We swap it for one that reads only the snapshot bundled
with tldextract, and writes no cache.
"""

from __future__ import annotations

import functools


@functools.cache
def use_bundled_suffix_list() -> None:
    """Make every `tldextract.extract` call use the bundled suffix list, never a download."""
    import tldextract
    import tldextract.tldextract as module

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    module.TLD_EXTRACTOR = offline
