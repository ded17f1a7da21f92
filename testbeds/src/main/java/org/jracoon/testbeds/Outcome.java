package org.jracoon.testbeds;

import java.util.List;

/**
 * What one run of a scenario showed: its failed checks, one line each ("CHECK: why"), the time
 * the network and its keys took to come up, how long the daemons took to negotiate, and the
 * pings' average round trip.
 *
 * @param peer               who made the SAs: "setkey", "jracoon" (our daemons) or "strongswan"
 *                           (charon on the far end)
 * @param negotiationMillis  from the first triggering ping to the last of our daemons logging an
 *                           installed SA; negative when no daemon negotiates or none finished
 * @param roundTripMillis    average of the pings' round trips; negative when no ping came back
 * @param skipped            why the scenario was not run (its status, e.g. "needs NAT-T"); empty when run
 */
public record Outcome(String scenario, String peer, long setupMillis, long negotiationMillis, double roundTripMillis,
                      List<String> failures, String skipped) {

    /** A scenario {@code testbeds/run all} leaves out, saying why. */
    static Outcome skipped(Scenario scenario, String peer) {
        return new Outcome(scenario.name(), peer, -1, -1, -1, List.of(), scenario.status());
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /**
     * Whether some failure line comes from {@code check} ("setup", "negotiation", "traffic",
     * "capture", "sa", "daemon").
     */
    public boolean failed(String check) {
        return failures.stream().anyMatch(f -> f.startsWith(check + ": "));
    }
}
