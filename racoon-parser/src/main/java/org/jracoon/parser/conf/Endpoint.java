package org.jracoon.parser.conf;

/** An address with a UDP port, as in {@code isakmp 10.0.0.1 [500];} or {@code remote ::1 [8000]}. */
public record Endpoint(IpAddress address, int port) {

    /** The IKE port racoon assumes when a {@code [port]} is left out (PORT_ISAKMP). */
    public static final int IKE_PORT = 500;

    @Override
    public String toString() {
        return address + " [" + port + "]";
    }
}
