"""The output size never raises: a kernel that does not fit gives a size of 0 or less."""

CAUGHT_BY = "test_conv_output_size_kernel_too_big"
MESSAGE = "instead of returning a size of 0 or less"


def conv_output_size(size, kernel, stride=1, pad=0):
    return (size + 2 * pad - kernel) // stride + 1
