"""Fitted weights for factcheck.scoring (written by `python bench/train_matcher.py --write`; do not edit by hand)."""

RANK_BIAS = -5.9642
RANK_WEIGHTS = (3.0306, 5.2083, 0.1052, 1.8692, -0.5631, 5.2475, -0.5355, 2.9452, -1.7968, 0.1637, -1.5641, 1.8447, 0.6763, -1.1718)
ACCEPT_BIAS = -11.4021
ACCEPT_WEIGHTS = (2.2276, 2.4895, 1.9248, 0.8993, 1.3311, 0.7927, -0.3826, 1.2897, -0.4764, 1.2321, -0.6700, 1.4661, 1.3971, -2.2866, 1.0083, 2.0077)
