package org.jracoon.ike.kernel;

/** A policy as the kernel holds it, with the id the kernel gave it (ACQUIRE names policies by id). */
public record KernelPolicy(int id, PolicySpec spec) {
}
