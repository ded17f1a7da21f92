package org.jracoon.ike.kernel;

import java.util.Objects;

/**
 * A kernel operation that failed: which operation, on what, and why. {@link #errno()} is the
 * kernel's error number (for example 17, EEXIST, for an SA or policy that already exists), or 0
 * when the failure was not the kernel's answer (the channel to the kernel broke, no answer came).
 */
public final class KernelException extends Exception {
    private final KernelOperation operation;
    private final int errno;
    private final String subject;

    /**
     * @param subject what the operation was about, e.g. {@code esp 10.0.0.1->10.0.0.2 spi 0x1000}
     * @param reason  the kernel's words, e.g. {@code File exists (EEXIST)}
     */
    public KernelException(KernelOperation operation, String subject, int errno, String reason) {
        super(operation + " " + subject + ": " + reason);
        this.operation = Objects.requireNonNull(operation);
        this.errno = errno;
        this.subject = subject;
    }

    public KernelException(KernelOperation operation, String subject, String reason, Throwable cause) {
        super(operation + " " + subject + ": " + reason, cause);
        this.operation = Objects.requireNonNull(operation);
        this.errno = 0;
        this.subject = subject;
    }

    public KernelOperation operation() {
        return operation;
    }

    public int errno() {
        return errno;
    }

    public String subject() {
        return subject;
    }
}
