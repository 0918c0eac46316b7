"""A trained linear-chain CRF (a python-crfsuite model file) scored in Python, giving crfsuite's
probabilities to within rounding (a few parts in 10^15).

crfsuite's own tagger takes a token's features as strings, which python-crfsuite copies into C++
one by one for every text: for the name tagger's short texts that copying cost more than the
arithmetic. Here the model's weights are read once from the file; a token's features come in
groups (tuples of strings that the feature code builds once and hands out again: a word's own
facts, a neighbour's), and each group's weights are summed once per group (from zero, in the
group's order) and kept. A token's state score is the sum of its groups' sums, in order: crfsuite
adds the same weights one attribute at a time, so the two sums may differ in their last bits
(at most a few parts in 10^15 of a probability over the dev sets, far below any threshold's
margin; `tests/recognizers/test_person_crf.py` compares them), and adding a group's sum instead of
each of its weights is most of this module's speed. Forward-backward and the marginals are
crfsuite's `crf1d` code: the same floating-point operations in the same order (scaled forward and
backward passes).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

# The crfsuite model file: a header, then the FEAT chunk of (type, source, destination, weight)
# records; type 0 is a state feature (attribute id -> label id), 1 a transition (label -> label).
HEADER = struct.Struct("<4sI4sIIIII")
CHUNK = struct.Struct("<4sII")
FEATURE = struct.Struct("<IIId")
STATE, TRANSITION = 0, 1
# Feature groups whose summed weights are kept at once; past this, the cache starts again (bounded).
MAX_CACHED_GROUPS = 1 << 16

Group = tuple[str, ...]
Weights = tuple[float, float, float]  # one number per label: O, B, I


class CrfModelError(ValueError):
    """The file is not a crfsuite CRF1d model this reader understands."""


class LinearChainCRF:
    """P(label) of each token of a sequence under a crfsuite CRF1d model with three labels (the
    name tagger's O, B, I: the arithmetic is written out for three, which is most of its speed)."""

    def __init__(self, path: Path):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()  # names of attributes and labels, and their weights to 6 decimals
        self.labels = [name for name, _ in sorted(info.labels.items(), key=lambda item: int(item[1]))]
        if len(self.labels) != 3:
            raise CrfModelError(f"a model with three labels is expected, not {self.labels}")
        names = {int(i): name for name, i in info.attributes.items()}
        self.weights: dict[str, list[float]] = {}
        transitions = [[0.0] * 3 for _ in range(3)]
        for kind, source, target, weight in _features(path.read_bytes()):
            if kind == STATE:
                self.weights.setdefault(names[source], [0.0] * 3)[target] = weight
            elif kind == TRANSITION:
                transitions[source][target] = weight
        _check_against(info, self.weights, self.labels)
        self.exp_transitions = tuple(tuple(math.exp(w) for w in row) for row in transitions)
        self._groups: dict[Group, Weights] = {}

    def group_weights(self, group: Group) -> Weights:
        """The group's weights per label, those of its attributes the model knows added from
        zero in the group's order. Cached, up to MAX_CACHED_GROUPS."""
        found = self._groups.get(group)
        if found is None:
            if len(self._groups) >= MAX_CACHED_GROUPS:
                self._groups.clear()
            s0 = s1 = s2 = 0.0
            for w in (self.weights.get(a) for a in group):
                if w is not None:
                    s0 += w[0]
                    s1 += w[1]
                    s2 += w[2]
            found = self._groups[group] = (s0, s1, s2)
        return found

    def marginals(self, tokens: Sequence[Sequence[Group]], label: str) -> list[float]:
        """P(`label`) at each token (none for no token), each token given as its feature groups
        in order."""
        if not tokens:
            return []
        states = self._exp_states(tokens)
        alphas, scales = self._forward(states)
        betas = self._backward(states, scales)
        k = self.labels.index(label)
        return [alpha[k] * beta[k] / scale for alpha, beta, scale in zip(alphas, betas, scales)]

    def _exp_states(self, tokens: Sequence[Sequence[Group]]) -> list[Weights]:
        """exp of each token's state score per label: its groups' sums added in order."""
        cached, weights_of, exp = self._groups.get, self.group_weights, math.exp
        states = []
        for groups in tokens:
            s0 = s1 = s2 = 0.0
            for group in groups:
                w0, w1, w2 = cached(group) or weights_of(group)
                s0 += w0
                s1 += w1
                s2 += w2
            states.append((exp(s0), exp(s1), exp(s2)))
        return states

    def _forward(self, states: list[Weights]) -> tuple[list[Weights], list[float]]:
        """crfsuite's scaled alpha scores (crf1dc_alpha_score), and each position's scale."""
        (e00, e01, e02), (e10, e11, e12), (e20, e21, e22) = self.exp_transitions
        alphas, scales = [], []
        p0 = p1 = p2 = 0.0
        for t, (x0, x1, x2) in enumerate(states):
            if t:  # summed over the previous label, in label order, then times the state
                a0 = (p0 * e00 + p1 * e10 + p2 * e20) * x0
                a1 = (p0 * e01 + p1 * e11 + p2 * e21) * x1
                a2 = (p0 * e02 + p1 * e12 + p2 * e22) * x2
            else:
                a0, a1, a2 = x0, x1, x2
            total = a0 + a1 + a2
            scale = 1.0 / total if total != 0.0 else 1.0
            p0, p1, p2 = a0 * scale, a1 * scale, a2 * scale
            alphas.append((p0, p1, p2))
            scales.append(scale)
        return alphas, scales

    def _backward(self, states: list[Weights], scales: list[float]) -> list[Weights]:
        """crfsuite's scaled beta scores (crf1dc_beta_score)."""
        (e00, e01, e02), (e10, e11, e12), (e20, e21, e22) = self.exp_transitions
        n = len(states)
        b0 = b1 = b2 = scales[-1]
        betas = [(b0, b1, b2)] * n
        for t in range(n - 2, -1, -1):
            x0, x1, x2 = states[t + 1]
            r0, r1, r2 = b0 * x0, b1 * x1, b2 * x2
            scale = scales[t]
            b0 = (e00 * r0 + e01 * r1 + e02 * r2) * scale
            b1 = (e10 * r0 + e11 * r1 + e12 * r2) * scale
            b2 = (e20 * r0 + e21 * r1 + e22 * r2) * scale
            betas[t] = (b0, b1, b2)
        return betas


def _features(data: bytes) -> list[tuple[int, int, int, float]]:
    """The (type, source, target, weight) records of a crfsuite CRF1d model file."""
    magic, _, kind, _, _, _, _, features_at = HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise CrfModelError(f"not a crfsuite CRF1d model (magic {magic!r}, type {kind!r})")
    chunk, _, count = CHUNK.unpack_from(data, features_at)
    if chunk != b"FEAT":
        raise CrfModelError(f"no feature chunk where the header says (found {chunk!r})")
    start = features_at + CHUNK.size
    return [FEATURE.unpack_from(data, start + k * FEATURE.size) for k in range(count)]


def _check_against(info, weights: dict[str, list[float]], labels: list[str]) -> None:
    """The weights read from the file are the ones crfsuite's own dump prints (to 6 decimals)."""
    dumped = info.state_features
    read = {(attribute, labels[i]): w for attribute, row in weights.items()
            for i, w in enumerate(row) if (attribute, labels[i]) in dumped}
    if len(read) != len(dumped) or any(abs(w - dumped[key]) > 1e-6 for key, w in read.items()):
        raise CrfModelError("the weights read from the model file differ from crfsuite's dump")
