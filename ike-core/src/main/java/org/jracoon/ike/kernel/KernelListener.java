package org.jracoon.ike.kernel;

/**
 * Receives {@link KernelEvent}s. Called on the backend's reader thread, one event at a time: an
 * implementation hands the event on to its own thread rather than calling the kernel back from here.
 */
@FunctionalInterface
public interface KernelListener {
    void onEvent(KernelEvent event);
}
