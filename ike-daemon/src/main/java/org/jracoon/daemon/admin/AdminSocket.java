package org.jracoon.daemon.admin;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin socket racoonctl talks to ({@code listen { adminsock "PATH" "OWNER" "GROUP" MODE; }}).
 * The socket file gets the configured owner, group and mode; a connection whose peer (read with
 * SO_PEERCRED) is neither root, nor the socket's owner, nor of the socket's group is answered
 * with one error line and closed, whatever the file mode lets through.
 *
 * <p>The protocol is jracoon's own, line-based UTF-8 text (racoon's binary admin messages are
 * not spoken). The client sends one request line: racoonctl's command and its arguments as
 * racoonctl takes them, separated by spaces, for example
 * <pre>
 *   show-sa isakmp
 *   show-sa isakmp long
 *   flush-sa ipsec
 *   delete-sa esp inet 10.1.0.0/24 10.2.0.0/24 any
 *   establish-sa -w isakmp inet 192.0.2.1 192.0.2.2
 *   vpn-connect 192.0.2.1 192.0.2.2        (our source address, then the gateway)
 *   vpn-disconnect 192.0.2.2
 *   reload-config
 *   show-event
 * </pre>
 * The daemon answers with any number of output lines, each {@code "| " TEXT}, then exactly one
 * final line: {@code "ok"}, or {@code "error: " REASON}; then it closes the connection. Output
 * of a waiting command ({@code establish-sa -w}, {@code show-event}) comes as events happen;
 * {@code show-event} has no final line and ends when either side closes.
 */
public final class AdminSocket implements AutoCloseable {

    private static final Logger CTL = LoggerFactory.getLogger("ike.ctl");
    /** The longest request line read; racoonctl's longest command is far shorter. */
    static final int MAX_REQUEST = 1024;
    static final String OUTPUT = "| ";
    static final String OK = "ok";
    static final String ERROR = "error: ";

    /** Serves one request; output goes through {@code reply}. */
    public interface Handler {
        void handle(String request, Reply reply) throws IOException;
    }

    /** Where a command writes its answer. */
    public interface Reply {
        /** One line of output. */
        void line(String text) throws IOException;

        /** Whether the client is still there (checked by the streaming commands between events). */
        boolean open();
    }

    private final Path path;
    private final UserPrincipal owner;
    private final GroupPrincipal group;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "admin-connection");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;

    private AdminSocket(Path path, UserPrincipal owner, GroupPrincipal group, ServerSocketChannel server,
            Handler handler) {
        this.path = path;
        this.owner = owner;
        this.group = group;
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::accept, "admin-socket");
        acceptor.setDaemon(true);
    }

    /**
     * Creates the socket (its directory too, and replacing a socket a previous run left, as racoon
     * does) with {@code owner}, {@code group} and {@code mode}, and starts serving.
     *
     * @throws IOException one line: an unknown owner or group, a path that cannot be bound
     */
    public static AdminSocket open(Path path, String owner, String group, int mode, Handler handler)
            throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal ownerPrincipal;
        GroupPrincipal groupPrincipal;
        try {
            ownerPrincipal = users.lookupPrincipalByName(owner);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("adminsock " + path + ": no user named \"" + owner + "\"");
        }
        try {
            groupPrincipal = users.lookupPrincipalByGroupName(group);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("adminsock " + path + ": no group named \"" + group + "\"");
        }
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            try {
                Files.createDirectories(path.getParent());
            } catch (FileAlreadyExistsException e) {
                throw new IOException("adminsock " + path + ": cannot create the directory " + path.getParent()
                        + ": a file of that name is in the way", e);
            } catch (IOException e) {
                throw new IOException("adminsock " + path + ": cannot create the directory " + path.getParent()
                        + ": " + e.getMessage(), e);
            }
        }
        if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            Files.delete(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(ownerPrincipal);
            view.setGroup(groupPrincipal);
            view.setPermissions(permissions(mode));
        } catch (IOException e) {
            server.close();
            throw new IOException("adminsock " + path + ": " + e.getMessage(), e);
        }
        AdminSocket socket = new AdminSocket(path, ownerPrincipal, groupPrincipal, server, handler);
        socket.acceptor.start();
        CTL.info("admin socket {} (owner {}, group {}, mode {})", path, owner, group, String.format("%04o", mode));
        return socket;
    }

    /** chmod(2) bits as NIO's permission set (the set-id and sticky bits do not apply to a socket). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    public Path path() {
        return path;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                CTL.warn("admin socket {}: {}", path, e.getMessage());
                return;
            }
            connections.execute(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            Connection connection = new Connection(client);
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            try {
                // read before refusing: closing on an unread request resets the connection, and the
                // client would never see why
                String request = connection.readLine();
                if (request == null) {
                    return;
                }
                if (!allowed(peer)) {
                    CTL.warn("admin request from user {} (group {}) refused: only root, {} and group {} may use {}",
                            peer.user().getName(), peer.group().getName(), owner.getName(), group.getName(), path);
                    connection.write(ERROR + "permission denied: user " + peer.user().getName()
                            + " is neither root, nor " + owner.getName() + ", nor in group " + group.getName());
                    return;
                }
                CTL.info("admin request from {}: {}", peer.user().getName(), request);
                handler.handle(request.strip(), connection);
                connection.write(OK);
            } catch (AdminException e) {
                CTL.info("admin request refused: {}", e.getMessage());
                connection.write(ERROR + e.getMessage());
            }
        } catch (IOException e) {
            CTL.debug("admin connection ended: {}", e.toString());
        }
    }

    private boolean allowed(UnixDomainPrincipal peer) {
        String user = peer.user().getName();
        return user.equals("root") || user.equals(owner.getName()) || peer.group().getName().equals(group.getName());
    }

    /** Stops serving and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            CTL.debug("closing {}: {}", path, e.toString());
        }
        connections.shutdownNow();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            CTL.warn("cannot remove {}: {}", path, e.getMessage());
        }
    }

    /** One client: a request line in, reply lines out. */
    private static final class Connection implements Reply {
        private final SocketChannel channel;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** The request line, or null when the client closed without one. */
        String readLine() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST);
            while (buffer.hasRemaining()) {
                int before = buffer.position();
                if (channel.read(buffer) < 0) {
                    return buffer.position() == 0 ? null : text(buffer);
                }
                for (int i = before; i < buffer.position(); i++) {
                    if (buffer.get(i) == '\n') {
                        buffer.position(i);
                        return text(buffer);
                    }
                }
            }
            throw new AdminException("request longer than " + MAX_REQUEST + " bytes");
        }

        private static String text(ByteBuffer buffer) {
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }

        @Override
        public void line(String text) throws IOException {
            write(OUTPUT + text);
        }

        /** A read that does not wait: -1 means the client has closed its end. */
        @Override
        public synchronized boolean open() {
            try {
                channel.configureBlocking(false);
                int read = channel.read(ByteBuffer.allocate(1));
                channel.configureBlocking(true);
                return read >= 0;
            } catch (IOException e) {
                return false;
            }
        }

        synchronized void write(String line) throws IOException {
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
    }
}
