"""Fitted weights for factcheck.scoring (written by `python bench/train_matcher.py --write`; do not edit by hand)."""

RANK_BIAS = -7.4496
RANK_WEIGHTS = (1.4021, 5.0956, 2.0184, 0.3810, 1.2609, 5.3853, -0.3201, 3.0564, -1.8478, -0.1781, -0.4570, 3.1442, 0.3087)
ACCEPT_BIAS = -10.3218
ACCEPT_WEIGHTS = (1.7423, 1.9339, 1.2606, 0.6516, 1.5080, 1.3124, -0.8528, 0.9633, -0.1568, 0.8727, -1.2742, 1.9295, 1.4988, 1.9102, 1.9763)
