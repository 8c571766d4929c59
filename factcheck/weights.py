"""Fitted weights for factcheck.scoring (written by `python bench/train_matcher.py --write`; do not edit by hand)."""

RANK_BIAS = -7.3393
RANK_WEIGHTS = (1.2405, 5.1074, 1.9977, 0.4484, 1.3244, 5.2454, -0.2727, 3.0577, -1.6860, -0.2139, -0.4239, 2.9508, 0.4552, -3.6248)
ACCEPT_BIAS = -10.6294
ACCEPT_WEIGHTS = (1.6478, 2.0730, 1.3774, 0.8392, 1.5417, 0.8741, -0.7068, 0.9098, -0.1216, 0.9423, -1.2900, 1.5676, 1.3952, -0.9823, 2.0245, 2.2189)
