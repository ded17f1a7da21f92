package org.jracoon.testbeds;

import java.util.List;

/**
 * What one run of a scenario showed: its failed checks, one line each ("CHECK: why"), the time
 * the network and its keys took to come up, and the pings' average round trip.
 *
 * @param roundTripMillis average of the pings' round trips; negative when no ping came back
 */
public record Outcome(String scenario, String peer, long setupMillis, double roundTripMillis, List<String> failures) {

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Whether some failure line comes from {@code check} ("traffic", "capture", "sa", "setup"). */
    public boolean failed(String check) {
        return failures.stream().anyMatch(f -> f.startsWith(check + ": "));
    }
}
