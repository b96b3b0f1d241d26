"""The output size counts the steps between windows, ``(size + 2 * pad - kernel) // stride``,
without the ``+ 1`` for the first window."""

CAUGHT_BY = "test_conv_output_size"
MESSAGE = "Count the windows, not the steps"


def conv_output_size(size, kernel, stride=1, pad=0):
    if size + 2 * pad < kernel:
        raise ValueError("the kernel does not fit")
    return (size + 2 * pad - kernel) // stride
