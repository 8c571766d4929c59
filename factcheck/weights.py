"""Fitted weights for factcheck.scoring (written by `python bench/train_matcher.py --write`; do not edit by hand)."""

RANK_BIAS = -8.5658
RANK_WEIGHTS = (2.3844, 3.2154, 2.2511, 1.8112, 1.6048, 4.7256, 1.0923, 3.3127, -0.7496, -0.9282, -0.1744, 3.4387)
ACCEPT_BIAS = -10.2190
ACCEPT_WEIGHTS = (1.4241, 1.2685, 1.2670, 1.4036, 2.1446, 0.1651, -0.3965, 1.2945, -0.0135, 0.6495, -0.9039, 2.2991, 1.6236, 2.2209)
