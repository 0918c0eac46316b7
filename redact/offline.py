"""Keep the program off the network: a run creates no socket at all.

Presidio's e-mail and URL checks call `tldextract.extract`, whose default extractor fetches the
public suffix list online on first use. We swap it for one that reads only the snapshot bundled
with tldextract, and writes no cache.

urllib3 (imported by spaCy, through `requests`, for `spacy download`) creates and binds an IPv6
socket when `urllib3.util.connection` is imported, to set `HAS_IPV6`. `import redact` installs an
import hook that runs that module with the probe off and defers the probe to the first connection
urllib3 really makes (never, in redact), so urllib3 behaves as before when it is used.
"""

from __future__ import annotations

import functools
import sys
from importlib.abc import Loader
from importlib.machinery import ModuleSpec, PathFinder

PROBING_MODULE = "urllib3.util.connection"


@functools.cache
def use_bundled_suffix_list() -> None:
    """Make every `tldextract.extract` call use the bundled suffix list, never a download."""
    import tldextract
    import tldextract.tldextract as module

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    module.TLD_EXTRACTOR = offline


def defer_ipv6_probe() -> None:
    """Install the import hook that keeps urllib3 from probing IPv6 at import (once; a no-op when
    urllib3's connection module is already imported, since its probe has run)."""
    if PROBING_MODULE in sys.modules or any(isinstance(f, _DeferIpv6Probe) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _DeferIpv6Probe())


class _DeferIpv6Probe:
    """Meta-path finder: finds urllib3.util.connection as usual, loads it through _ProbeFreeLoader."""

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname != PROBING_MODULE:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _ProbeFreeLoader(spec.loader)
        return spec


class _ProbeFreeLoader(Loader):
    """Runs the module with `socket.has_ipv6` off (so `_has_ipv6` creates no socket), then makes
    `allowed_gai_family` run the real probe on its first call."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec: ModuleSpec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        import socket  # here, not at the top: `import redact` stays cheap for the CLI's --help

        compiled_in, socket.has_ipv6 = socket.has_ipv6, False
        try:
            self.loader.exec_module(module)
        finally:
            socket.has_ipv6 = compiled_in
        module.allowed_gai_family = _probe_on_first_use(module)


def _probe_on_first_use(module):
    original = module.allowed_gai_family
    probe = functools.cache(lambda: module._has_ipv6("::1"))

    @functools.wraps(original)
    def allowed_gai_family():
        module.HAS_IPV6 = probe()
        return original()

    return allowed_gai_family
