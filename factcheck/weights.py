"""Fitted weights for factcheck.scoring (written by `python bench/train_matcher.py --write`; do not edit by hand)."""

RANK_BIAS = -4.0264
RANK_WEIGHTS = (4.6023, 4.8471, -0.2820, 1.4930, -1.9809, 5.2353, -0.4915, 2.8692, -1.7408, -0.2551, -1.3602, 1.1535, 0.6078, -0.9269, 1.5312, -1.5406)
ACCEPT_BIAS = -9.8715
ACCEPT_WEIGHTS = (2.7370, 2.2097, 1.3898, 0.7649, 0.7771, 0.6932, -0.4251, 1.5974, -0.3944, 0.7078, -0.5109, 1.1645, 1.4546, -1.9614, 1.7045, -1.0638, 0.5433, 1.9671)
