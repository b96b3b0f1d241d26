"""Style: the Korean textbook's (밑바닥부터 시작하는 딥러닝) habits. Weight decay sums
``0.5 * lambda * np.sum(W ** 2)`` layer by layer over ``W1, W2, ...``; the dropout mask
compares ``rng.random(x.shape) > dropout_ratio`` and the output is ``x * mask`` scaled
as inverted dropout; the standardizer uses ``np.var``; the split uses
``rng.permutation`` and slices with computed bounds.
"""

import numpy as np


def fit_standardizer(X):
    X = np.asarray(X, dtype=np.float64)
    return np.average(X, axis=0), np.sqrt(np.var(X, axis=0))


def standardize(X, mean, std, eps=1e-8):
    X = np.asarray(X, dtype=np.float64)
    return (X - mean) * (1.0 / (std + eps))


def fit_min_max(X):
    X = np.asarray(X, dtype=np.float64)
    return np.min(X, axis=0), np.max(X, axis=0)


def min_max_scale(X, mins, maxs, feature_range=(0.0, 1.0)):
    X = np.asarray(X, dtype=np.float64)
    mins, maxs = np.asarray(mins, dtype=np.float64), np.asarray(maxs, dtype=np.float64)
    span = maxs - mins
    span[span == 0] = 1.0
    x_std = (X - mins) / span
    return x_std * (feature_range[1] - feature_range[0]) + feature_range[0]


def train_dev_test_split(X, y, fractions=(0.8, 0.1, 0.1), seed=0):
    if len(fractions) != 3 or min(fractions) < 0 or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError("fractions must be 3 non-negative numbers that sum to 1")
    x_data, t_data = np.asarray(X), np.asarray(y)
    data_num = x_data.shape[0]
    train_num = int(data_num * fractions[0])
    dev_num = int(data_num * fractions[1])
    idx = np.random.default_rng(seed).permutation(data_num)
    x_data, t_data = x_data[idx], t_data[idx]
    return (x_data[:train_num], t_data[:train_num],
            x_data[train_num:train_num + dev_num], t_data[train_num:train_num + dev_num],
            x_data[train_num + dev_num:], t_data[train_num + dev_num:])


def l2_penalty(params, lam):
    weight_decay = 0
    for key in sorted(params):
        if key.startswith("W"):
            W = params[key]
            weight_decay += 0.5 * lam * np.sum(W ** 2)
    return weight_decay


def l2_penalty_grad(params, lam):
    grads = {}
    for key in params:
        if key.startswith("W"):
            grads[key] = lam * params[key]
        else:
            grads[key] = np.zeros_like(params[key], dtype=np.float64)
    return grads


def dropout(x, rate, training=True, seed=0):
    dropout_ratio = rate
    if not 0 <= dropout_ratio < 1:
        raise ValueError("dropout_ratio must be in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if training:
        mask = np.random.default_rng(seed).random(x.shape) > dropout_ratio
        return x * mask / (1.0 - dropout_ratio), mask
    return x * 1.0, np.ones(x.shape, dtype=bool)
