"""``exp(k * epoch)``: the minus sign is missing and the rate grows."""

import math

CAUGHT_BY = "test_exponential_decay"
MESSAGE = "minus sign"


def exponential_decay(lr0, epoch, k=0.1):
    return lr0 * math.exp(k * epoch)
