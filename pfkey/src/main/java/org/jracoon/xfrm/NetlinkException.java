package org.jracoon.xfrm;

import org.jracoon.pfkey.Errno;

import java.io.IOException;
import java.util.Optional;

/**
 * A netlink request the kernel refused with an NLMSG_ERROR ({@link #errno()} positive, and when the
 * kernel said more, its extended-ack text) or left unanswered ({@link #errno()} 0).
 */
public final class NetlinkException extends IOException {
    private final int errno;
    private final Optional<String> kernelMessage;

    public NetlinkException(int errno, Optional<String> kernelMessage) {
        super(Errno.describe(errno) + kernelMessage.map(m -> ", the kernel says \"" + m + "\"").orElse(""));
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public NetlinkException(String problem) {
        super(problem);
        this.errno = 0;
        this.kernelMessage = Optional.empty();
    }

    public int errno() {
        return errno;
    }

    /** The kernel's NLMSGERR_ATTR_MSG, e.g. {@code Requested type not found}. */
    public Optional<String> kernelMessage() {
        return kernelMessage;
    }
}
