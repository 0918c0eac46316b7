"""redact: remove personal data from posts and messages before they become training data.

`Redactor` is imported lazily, so `import redact` stays cheap for the CLI's --help. Importing the
package first keeps urllib3 (which spaCy imports) from binding a probe socket: see redact.offline.
"""

from redact.offline import defer_ipv6_probe

defer_ipv6_probe()

__version__ = "0.1.0"
__all__ = ["Redactor", "load_profile", "__version__"]


def __getattr__(name: str):
    if name == "Redactor":
        from redact.redactor import Redactor

        return Redactor
    if name == "load_profile":
        from redact.profile import load_profile

        return load_profile
    raise AttributeError(f"module 'redact' has no attribute '{name}'")
