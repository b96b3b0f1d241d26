"""The output size uses ``/`` instead of ``//``: a float (4.0, or 3.5 when the stride
does not divide evenly) instead of an int."""

CAUGHT_BY = "test_conv_output_size"
MESSAGE = "Use // (floor division)"


def conv_output_size(size, kernel, stride=1, pad=0):
    if size + 2 * pad < kernel:
        raise ValueError("the kernel does not fit")
    return (size + 2 * pad - kernel) / stride + 1
