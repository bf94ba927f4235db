package io.switchboard.cluster;

import io.switchboard.routing.Address;
import io.switchboard.routing.Delivery;
import io.switchboard.routing.NodeCommand;
import io.switchboard.routing.Target;
import io.switchboard.session.Channel;
import io.switchboard.session.Closing;
import io.switchboard.session.Frame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What travels between nodes on Redis pub/sub: a delivery (its target and its frame's payload), or an order to
 * close a connection. A small binary format (a version byte first) rather than JSON: the payload is the frame's
 * text or bytes as they are, with no second encoding, and the receiving node frames it once for all its receivers.
 */
final class BusCodec {
    private static final int VERSION = 1;
    private static final int USER = 1;
    private static final int ROOM = 2;
    private static final int EVERYONE = 3;
    private static final int CONNECTION = 4;
    private static final int CLAIMED = 5;
    private static final int CLOSE = 9;
    private static final int COMMAND = 10;
    private static final int REPLY = 11;
    private static final int TEXT = 1;
    private static final int SHEDDABLE = 2;

    private BusCodec() {
    }

    /** A message from another node. */
    sealed interface Inbound {
    }

    record Deliver(String origin, Delivery delivery) implements Inbound {
    }

    record Close(String origin, String connectionId, Closing why) implements Inbound {
    }

    /** An administrator's order for every node; each answers {@link Reply} to the origin. */
    record Command(String origin, String requestId, NodeCommand command) implements Inbound {
    }

    /** How many connections a node closed for a {@link Command}. */
    record Reply(String origin, String requestId, int closed) implements Inbound {
    }

    static byte[] command(String origin, String requestId, NodeCommand c) {
        return write(out -> {
            header(out, COMMAND, origin);
            out.writeUTF(requestId);
            if (c instanceof NodeCommand.Revoke r) {
                out.writeUTF("revoke");
                out.writeUTF(r.tokenId());
            } else if (c instanceof NodeCommand.Block b) {
                out.writeUTF("block");
                out.writeUTF(b.userId());
            } else if (c instanceof NodeCommand.Unblock u) {
                out.writeUTF("unblock");
                out.writeUTF(u.userId());
            } else {
                out.writeUTF("cleanup");
                out.writeUTF("");
            }
        });
    }

    static byte[] reply(String origin, String requestId, int closed) {
        return write(out -> {
            header(out, REPLY, origin);
            out.writeUTF(requestId);
            out.writeInt(closed);
        });
    }

    static byte[] delivery(String origin, Delivery d) {
        return write(out -> {
            Target t = d.target();
            if (t instanceof Target.User u) {
                header(out, USER, origin);
                out.writeUTF(u.userId());
                out.writeUTF(nullToEmpty(u.exceptConnection()));
            } else if (t instanceof Target.Room r) {
                header(out, ROOM, origin);
                out.writeUTF(r.roomId());
                out.writeUTF(nullToEmpty(r.exceptConnection()));
            } else if (t instanceof Target.Everyone e) {
                header(out, EVERYONE, origin);
                out.writeUTF(e.channel().name());
                out.writeUTF(nullToEmpty(e.exceptConnection()));
            } else if (t instanceof Target.Connection c) {
                header(out, CONNECTION, origin);
                out.writeUTF(c.connectionId());
            } else {
                header(out, CLAIMED, origin);
                out.writeUTF(((Target.Claimed) t).address().name());
            }
            Frame f = d.frame();
            out.writeByte((f.isText() ? TEXT : 0) | (f.isSheddable() ? SHEDDABLE : 0));
            byte[] payload;
            if (f.isText()) {
                payload = f.text().getBytes(StandardCharsets.UTF_8);
            } else {
                ByteBuffer b = f.binary().duplicate();
                payload = new byte[b.remaining()];
                b.get(payload);
            }
            out.writeInt(payload.length);
            out.write(payload);
        });
    }

    static byte[] close(String origin, String connectionId, Closing why) {
        return write(out -> {
            header(out, CLOSE, origin);
            out.writeUTF(connectionId);
            out.writeUTF(why.name());
        });
    }

    static Inbound read(byte[] message) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("bus message of version " + version + ", this node speaks " + VERSION);
        }
        int kind = in.readUnsignedByte();
        String origin = in.readUTF();
        if (kind == CLOSE) {
            return new Close(origin, in.readUTF(), Closing.valueOf(in.readUTF()));
        }
        if (kind == COMMAND) {
            String requestId = in.readUTF();
            String what = in.readUTF();
            String arg = in.readUTF();
            NodeCommand c = switch (what) {
                case "revoke" -> new NodeCommand.Revoke(arg);
                case "block" -> new NodeCommand.Block(arg);
                case "unblock" -> new NodeCommand.Unblock(arg);
                case "cleanup" -> new NodeCommand.Cleanup();
                default -> throw new IOException("unknown node command " + what);
            };
            return new Command(origin, requestId, c);
        }
        if (kind == REPLY) {
            return new Reply(origin, in.readUTF(), in.readInt());
        }
        Target target = switch (kind) {
            case USER -> new Target.User(in.readUTF(), emptyToNull(in.readUTF()));
            case ROOM -> new Target.Room(in.readUTF(), emptyToNull(in.readUTF()));
            case EVERYONE -> new Target.Everyone(Channel.valueOf(in.readUTF()), emptyToNull(in.readUTF()));
            case CONNECTION -> new Target.Connection(in.readUTF());
            case CLAIMED -> new Target.Claimed(new Address(in.readUTF()));
            default -> throw new IOException("unknown bus message kind " + kind);
        };
        int flags = in.readUnsignedByte();
        byte[] payload = in.readNBytes(in.readInt());
        Frame frame = (flags & TEXT) != 0 ? Frame.text(new String(payload, StandardCharsets.UTF_8))
                : Frame.binary(ByteBuffer.wrap(payload));
        return new Deliver(origin, new Delivery(target, (flags & SHEDDABLE) != 0 ? frame.asSheddable() : frame));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void header(DataOutputStream out, int kind, String origin) throws IOException {
        out.writeByte(VERSION);
        out.writeByte(kind);
        out.writeUTF(origin);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
