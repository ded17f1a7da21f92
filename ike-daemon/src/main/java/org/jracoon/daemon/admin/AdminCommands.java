package org.jracoon.daemon.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jracoon.daemon.runtime.Daemon;
import org.jracoon.ike.engine.EngineEvent;
import org.jracoon.ike.engine.IsakmpSaStatus;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.ike.kernel.IpsecProtocol;
import org.jracoon.ike.kernel.TrafficSelector;
import org.jracoon.ike.sa.IpsecSa;

/**
 * racoonctl's commands, carried out on a running daemon. Each request is racoonctl's command
 * word (or its two-letter shortcut) and arguments; see {@link AdminSocket} for the protocol.
 * Where racoon acts on the whole kernel SAD (flush-sa esp|ah|ipsec flushes every SA of that type,
 * manual ones too), these commands act on the SAs this daemon negotiated and tell the peers.
 */
public final class AdminCommands implements AdminSocket.Handler {

    /** The configuration reload behind reload-config and SIGHUP. */
    public interface Reload {
        /** @return one line saying what now runs; a refused configuration throws with its one-line reason */
        String reload() throws AdminException;
    }

    /** How long establish-sa -w waits at most; the engine's phase timers normally end it much sooner. */
    private static final Duration WAIT_LIMIT = Duration.ofMinutes(5);
    /** How often show-event looks whether its client is still there while no event comes. */
    private static final long CLIENT_CHECK_MILLIS = 1000;
    private static final Map<String, String> SHORTCUTS = Map.of("rc", "reload-config", "ss", "show-sa", "fs",
            "flush-sa", "ds", "delete-sa", "es", "establish-sa", "vc", "vpn-connect", "vd", "vpn-disconnect", "se",
            "show-event");

    private final Daemon daemon;
    private final Reload reload;
    private final InstantSource clock;
    private final ZoneId zone;

    public AdminCommands(Daemon daemon, Reload reload, InstantSource clock, ZoneId zone) {
        this.daemon = daemon;
        this.reload = reload;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void handle(String request, AdminSocket.Reply reply) throws IOException {
        List<String> words = request.isEmpty() ? List.of() : Arrays.asList(request.split("\\s+"));
        if (words.isEmpty()) {
            throw new AdminException("empty request");
        }
        String command = SHORTCUTS.getOrDefault(words.get(0), words.get(0));
        List<String> args = words.subList(1, words.size());
        switch (command) {
            case "reload-config" -> {
                none(command, args);
                reply.line(reload.reload());
            }
            case "show-sa" -> showSa(args, reply);
            case "flush-sa" -> flushSa(args, reply);
            case "delete-sa" -> deleteSa(args, reply);
            case "establish-sa" -> establishSa(args, reply);
            case "vpn-connect" -> {
                if (args.size() != 2) {
                    throw new AdminException("vpn-connect takes: SOURCE GATEWAY");
                }
                boolean inet6 = args.get(1).contains(":");
                connect(new SaOptions.Ends(SaOptions.address(args.get(0), inet6),
                        SaOptions.address(args.get(1), inet6)), true, reply);
            }
            case "vpn-disconnect" -> {
                if (args.size() != 1) {
                    throw new AdminException("vpn-disconnect takes: GATEWAY");
                }
                InetAddress gateway = SaOptions.address(args.get(0), args.get(0).contains(":"));
                int deleted = daemon.onEngine(e -> e.deleteIsakmpSas(s -> s.remote().getAddress().equals(gateway), true));
                reply.line(deleted + " ISAKMP SA(s) with " + gateway.getHostAddress()
                        + " deleted, with their IPsec SAs");
            }
            case "show-event" -> {
                none(command, args);
                showEvents(reply);
            }
            default -> throw new AdminException("unknown command \"" + words.get(0) + "\"");
        }
    }

    private static void none(String command, List<String> args) throws AdminException {
        if (!args.isEmpty()) {
            throw new AdminException(command + " takes no arguments");
        }
    }

    private void showSa(List<String> args, AdminSocket.Reply reply) throws IOException {
        boolean longForm = args.size() == 2 && args.get(1).equals("long");
        if (args.isEmpty() || args.size() > 2 || args.size() == 2 && !longForm) {
            throw new AdminException("show-sa takes: isakmp|esp|ah|ipsec");
        }
        SaListing listing = new SaListing(zone, clock.instant());
        List<String> lines = args.get(0).equals("isakmp")
                ? listing.isakmp(daemon.onEngine(e -> e.isakmpSaStatus()), longForm)
                : listing.ipsec(ipsecSas(protocols(args.get(0))));
        for (String line : lines) {
            reply.line(line);
        }
    }

    private List<IpsecSa> ipsecSas(Predicate<IpsecSa> which) throws IOException {
        return daemon.onEngine(e -> e.ipsecSas().stream().filter(which).toList());
    }

    private void flushSa(List<String> args, AdminSocket.Reply reply) throws IOException {
        if (args.size() != 1) {
            throw new AdminException("flush-sa takes: isakmp|esp|ah|ipsec");
        }
        if (args.get(0).equals("isakmp")) {
            // racoon's flushph1(): the ISAKMP SAs go, the IPsec SAs stay under their lifetimes
            int deleted = daemon.onEngine(e -> e.deleteIsakmpSas(s -> true, false));
            reply.line(deleted + " ISAKMP SA(s) deleted");
            return;
        }
        Predicate<IpsecSa> which = protocols(args.get(0));
        int deleted = daemon.onEngine(e -> e.deleteIpsecSas(which));
        reply.line(deleted + " IPsec SA pair(s) deleted");
    }

    private void deleteSa(List<String> args, AdminSocket.Reply reply) throws IOException {
        if (args.isEmpty()) {
            throw new AdminException("delete-sa takes: isakmp|esp|ah SAOPTS");
        }
        String protocol = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (protocol.equals("isakmp")) {
            SaOptions.Ends ends = SaOptions.isakmp(rest);
            int deleted = daemon.onEngine(e -> e.deleteIsakmpSas(s -> isBetween(s, ends), true));
            if (deleted == 0) {
                throw new AdminException("no ISAKMP SA between " + ends.local().getHostAddress() + " and "
                        + ends.peer().getHostAddress());
            }
            reply.line(deleted + " ISAKMP SA(s) deleted, with their IPsec SAs");
            return;
        }
        IpsecProtocol ipsec = ipsecProtocol(protocol);
        TrafficSelector selector = SaOptions.selector(protocol, rest);
        int deleted = daemon.onEngine(e -> e.deleteIpsecSas(p -> p.protocol() == ipsec
                && p.selector().equals(selector)));
        if (deleted == 0) {
            throw new AdminException("no " + protocol + " SA for " + selector);
        }
        reply.line(deleted + " IPsec SA pair(s) deleted");
    }

    private void establishSa(List<String> args, AdminSocket.Reply reply) throws IOException {
        boolean wait = !args.isEmpty() && args.get(0).equals("-w");
        List<String> rest = wait ? args.subList(1, args.size()) : args;
        if (rest.isEmpty()) {
            throw new AdminException("establish-sa takes: [-w] isakmp|esp|ah SAOPTS");
        }
        String protocol = rest.get(0);
        List<String> options = rest.subList(1, rest.size());
        if (protocol.equals("isakmp")) {
            connect(SaOptions.isakmp(options), wait, reply);
            return;
        }
        IpsecProtocol ipsec = ipsecProtocol(protocol);
        TrafficSelector selector = SaOptions.selector(protocol, options);
        BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
        Consumer<EngineEvent> listener = events::add;
        daemon.addEventListener(listener);
        try {
            SaRequest request;
            try {
                request = daemon.establish(selector, ipsec);
            } catch (IOException e) {
                throw new AdminException(e.getMessage());
            }
            reply.line("negotiating " + protocol + " " + request.mode().name().toLowerCase() + " with "
                    + request.peer().getHostAddress() + " for " + selector);
            if (wait) {
                await(events, event -> phase2Outcome(event, request), reply);
            }
        } finally {
            daemon.removeEventListener(listener);
        }
    }

    /** Phase 1 alone to a peer; with {@code wait}, until it is up or failed (racoonctl -w, vpn-connect). */
    private void connect(SaOptions.Ends ends, boolean wait, AdminSocket.Reply reply) throws IOException {
        BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
        Consumer<EngineEvent> listener = events::add;
        daemon.addEventListener(listener);
        try {
            boolean up = daemon.onEngine(e -> e.isakmpSaStatus().stream()
                    .anyMatch(s -> s.established().isPresent() && isBetween(s, ends)));
            if (up) {
                reply.line("ISAKMP SA with " + ends.peer().getHostAddress() + " is up already");
                return;
            }
            Optional<String> refused = daemon.onEngine(e -> e.connect(ends.local(), ends.peer()));
            if (refused.isPresent()) {
                throw new AdminException(refused.get());
            }
            reply.line("negotiating an ISAKMP SA with " + ends.peer().getHostAddress());
            if (wait) {
                await(events, event -> phase1Outcome(event, ends.peer()), reply);
            }
        } finally {
            daemon.removeEventListener(listener);
        }
    }

    /** The outcome an establish-sa -w waits for: established (true), failed (false), or not this one (null). */
    private interface Outcome {
        Boolean of(EngineEvent event) throws IOException;
    }

    private void await(BlockingQueue<EngineEvent> events, Outcome outcome, AdminSocket.Reply reply)
            throws IOException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            EngineEvent event;
            try {
                event = events.poll(CLIENT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminException("the daemon is stopping");
            }
            if (event == null) {
                if (!reply.open()) {
                    return;
                }
                continue;
            }
            Boolean result = outcome.of(event);
            if (result != null) {
                if (!result) {
                    throw new AdminException(describe(event));
                }
                reply.line(describe(event));
                return;
            }
        }
        throw new AdminException("no outcome after " + WAIT_LIMIT.toMinutes() + " minutes");
    }

    private static Boolean phase1Outcome(EngineEvent event, InetAddress peer) {
        if (event instanceof EngineEvent.Phase1Established e && e.peer().getAddress().equals(peer)) {
            return true;
        }
        if (event instanceof EngineEvent.Phase1Failed e && e.peer().getAddress().equals(peer)) {
            return false;
        }
        return null;
    }

    private Boolean phase2Outcome(EngineEvent event, SaRequest request) throws IOException {
        if (event instanceof EngineEvent.Phase2Established e
                && e.sas().stream().anyMatch(sa -> sa.selector().equals(request.selector()))) {
            return true;
        }
        if (event instanceof EngineEvent.Phase1Failed e && e.peer().getAddress().equals(request.peer())) {
            return false;
        }
        if (event instanceof EngineEvent.Phase2Failed e) {
            // a failed Quick Mode names its ISAKMP SA only: ours if that SA is with the request's peer
            return daemon.onEngine(engine -> engine.isakmpSaStatus().stream().anyMatch(s -> s.cookies()
                    .equals(e.cookies()) && s.remote().getAddress().equals(request.peer()))) ? false : null;
        }
        return null;
    }

    /** show-event: every event as it happens, until the client goes. */
    private void showEvents(AdminSocket.Reply reply) throws IOException {
        BlockingQueue<EngineEvent> events = new LinkedBlockingQueue<>();
        Consumer<EngineEvent> listener = events::add;
        daemon.addEventListener(listener);
        try {
            while (true) {
                EngineEvent event;
                try {
                    event = events.poll(CLIENT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (event != null) {
                    reply.line(describe(event));
                } else if (!reply.open()) {
                    return;
                }
            }
        } finally {
            daemon.removeEventListener(listener);
        }
    }

    /** One line per event, worded as racoonctl's show-event words them. */
    static String describe(EngineEvent event) {
        if (event instanceof EngineEvent.Phase1Established e) {
            return "Phase 1 established: " + e.cookies() + " with " + peer(e.peer());
        }
        if (event instanceof EngineEvent.Phase1Failed e) {
            return "Phase 1 error: " + e.cookies() + " with " + peer(e.peer()) + ": " + e.reason();
        }
        if (event instanceof EngineEvent.Phase1Down e) {
            return e.dead() ? "Phase 1 error: " + e.cookies() + " with " + peer(e.peer()) + ": dead peer detected"
                    : "Phase 1 deleted: " + e.cookies() + " with " + peer(e.peer());
        }
        if (event instanceof EngineEvent.Phase2Established e) {
            StringBuilder line = new StringBuilder("Phase 2 established: " + e.cookies());
            e.sas().forEach(sa -> line.append(" ").append(sa));
            return line.toString();
        }
        EngineEvent.Phase2Failed e = (EngineEvent.Phase2Failed) event;
        return "Phase 2 error: " + e.cookies() + " mid " + Integer.toHexString(e.messageId()) + ": " + e.reason();
    }

    /** racoon's {@code address[port]}. */
    private static String peer(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + "[" + address.getPort() + "]";
    }

    private static boolean isBetween(IsakmpSaStatus sa, SaOptions.Ends ends) {
        return sa.local().getAddress().equals(ends.local()) && sa.remote().getAddress().equals(ends.peer());
    }

    private static IpsecProtocol ipsecProtocol(String word) throws AdminException {
        return switch (word) {
            case "esp" -> IpsecProtocol.ESP;
            case "ah" -> IpsecProtocol.AH;
            default -> throw new AdminException("unknown protocol \"" + word + "\" (isakmp, esp or ah)");
        };
    }

    /** esp, ah, or ipsec (both). */
    private static Predicate<IpsecSa> protocols(String word) throws AdminException {
        if (word.equals("ipsec")) {
            return sa -> true;
        }
        try {
            IpsecProtocol protocol = ipsecProtocol(word);
            return sa -> sa.protocol() == protocol;
        } catch (AdminException e) {
            throw new AdminException("unknown protocol \"" + word + "\" (isakmp, esp, ah or ipsec)");
        }
    }
}
