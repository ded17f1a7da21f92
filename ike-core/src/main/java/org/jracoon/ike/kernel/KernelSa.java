package org.jracoon.ike.kernel;

/** An SA as the kernel reports it (GET, DUMP): what was installed, its state and current use. */
public record KernelSa(SaSpec spec, SaState state, Lifetime current) {
}
