package dev.schemaguard.postgres;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Connects the JDBC driver to a server's Unix socket, with the JDK's own Unix-domain channels: the driver is given
 * this factory's name ({@code socketFactory}) and the socket file ({@code socketFactoryArg}), and uses the sockets
 * it makes as it uses TCP ones. The host and port the driver asks for are ignored.
 */
public final class UnixSocketFactory extends SocketFactory {

    private final Path socketFile;

    /** Made by the driver, with the connection's properties. */
    public UnixSocketFactory(Properties properties) {
        String file = properties.getProperty("socketFactoryArg");
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("socketFactoryArg must name the server's Unix socket file");
        }
        this.socketFile = Path.of(file);
    }

    @Override
    public Socket createSocket() throws SocketException {
        return new UnixSocket(socketFile);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket socket = createSocket();
        socket.connect(null, 0);
        return socket;
    }

    /**
     * A {@link Socket} over a Unix-domain {@link SocketChannel}, whose own {@code socket()} the JDK does not offer.
     * The channel is non-blocking underneath so that reads can honour the driver's timeout
     * ({@link #setSoTimeout}), as a TCP socket's do, by waiting on a selector.
     */
    static final class UnixSocket extends Socket {

        private final Path file;
        private final Object readLock = new Object();
        private final Object writeLock = new Object();
        private volatile SocketChannel channel;
        private volatile boolean closed;
        private volatile int timeoutMillis;
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private Selector readable;
        private Selector writable;
        private InputStream in;
        private OutputStream out;

        UnixSocket(Path file) throws SocketException {
            super((SocketImpl) null);
            this.file = file;
        }

        @Override
        public void connect(SocketAddress ignored) throws IOException {
            connect(ignored, 0);
        }

        @Override
        public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                // A local connect does not wait on a network: it succeeds or fails at once.
                opened.connect(UnixDomainSocketAddress.of(file));
                opened.configureBlocking(false);
                readable = Selector.open();
                writable = Selector.open();
                opened.register(readable, SelectionKey.OP_READ);
                opened.register(writable, SelectionKey.OP_WRITE);
            } catch (IOException e) {
                opened.close();
                closeSelectors();
                throw new SocketException("cannot connect to the Unix socket " + file + ": " + e.getMessage());
            }
            channel = opened;
            in = new ChannelInput();
            out = new ChannelOutput();
        }

        @Override
        public void bind(SocketAddress local) throws IOException {
            throw new SocketException("a Unix socket connection has no local address to bind");
        }

        @Override
        public boolean isConnected() {
            return channel != null;
        }

        @Override
        public boolean isBound() {
            return channel != null;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return open().in;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return open().out;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout < 0");
            }
            timeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return timeoutMillis;
        }

        // TCP options mean nothing on a Unix socket; they are kept so that the driver reads back what it set.
        @Override
        public void setTcpNoDelay(boolean on) {
            tcpNoDelay = on;
        }

        @Override
        public boolean getTcpNoDelay() {
            return tcpNoDelay;
        }

        @Override
        public void setKeepAlive(boolean on) {
            keepAlive = on;
        }

        @Override
        public boolean getKeepAlive() {
            return keepAlive;
        }

        @Override
        public void setSendBufferSize(int size) throws SocketException {
            setBufferOption(StandardSocketOptions.SO_SNDBUF, size);
        }

        @Override
        public int getSendBufferSize() throws SocketException {
            return bufferOption(StandardSocketOptions.SO_SNDBUF);
        }

        @Override
        public void setReceiveBufferSize(int size) throws SocketException {
            setBufferOption(StandardSocketOptions.SO_RCVBUF, size);
        }

        @Override
        public int getReceiveBufferSize() throws SocketException {
            return bufferOption(StandardSocketOptions.SO_RCVBUF);
        }

        @Override
        public void shutdownInput() throws IOException {
            open().channel.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            open().channel.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            // Wakes a read or write waiting on a selector: it sees the socket closed and says so.
            if (channel != null) {
                channel.close();
            }
            closeSelectors();
        }

        @Override
        public String toString() {
            return "UnixSocket[" + file + "]";
        }

        private void closeSelectors() throws IOException {
            if (readable != null) {
                readable.close();
            }
            if (writable != null) {
                writable.close();
            }
        }

        private UnixSocket open() throws SocketException {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            if (channel == null) {
                throw new SocketException("Socket is not connected");
            }
            return this;
        }

        private void setBufferOption(java.net.SocketOption<Integer> option, int value) throws SocketException {
            try {
                open().channel.setOption(option, value);
            } catch (IOException e) {
                throw new SocketException(e.getMessage());
            }
        }

        private int bufferOption(java.net.SocketOption<Integer> option) throws SocketException {
            try {
                return open().channel.getOption(option);
            } catch (IOException e) {
                throw new SocketException(e.getMessage());
            }
        }

        /** Waits until the selector's channel is ready; {@code false} when {@code millis} (0: none) passed first. */
        private boolean await(Selector selector, long millis) throws IOException {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (true) {
                if (closed || !selector.isOpen()) {
                    throw new SocketException("Socket closed");
                }
                long left = millis == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000;
                if (millis != 0 && left <= 0) {
                    return false;
                }
                try {
                    if (selector.select(left) > 0) {
                        selector.selectedKeys().clear();
                        return true;
                    }
                } catch (java.nio.channels.ClosedSelectorException e) {
                    throw new SocketException("Socket closed");
                }
            }
        }

        private final class ChannelInput extends InputStream {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                synchronized (readLock) {
                    while (true) {
                        int n = open().channel.read(buffer);
                        if (n != 0) {
                            return n;
                        }
                        if (!await(readable, timeoutMillis)) {
                            throw new SocketTimeoutException("Read timed out");
                        }
                    }
                }
            }

            @Override
            public void close() throws IOException {
                UnixSocket.this.close();
            }
        }

        private final class ChannelOutput extends OutputStream {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                synchronized (writeLock) {
                    while (buffer.hasRemaining()) {
                        if (open().channel.write(buffer) == 0) {
                            await(writable, 0);
                        }
                    }
                }
            }

            @Override
            public void close() throws IOException {
                UnixSocket.this.close();
            }
        }
    }
}
