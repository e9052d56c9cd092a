import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A stand-in server for background exec tests, run with the java source launcher:
 * {@code java TestServer.java tcp|http PORT DELAY_MILLIS}. It prints, waits, then listens on
 * 127.0.0.1:PORT until it is killed.
 */
public class TestServer {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        System.out.println("starting " + mode + " server");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[2]));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (mode.equals("http")) {
            HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
            server.createContext("/health", exchange -> {
                byte[] body = "ok".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            System.out.println("listening on " + port);
            Thread.sleep(Long.MAX_VALUE);
        }
        try (ServerSocket server = new ServerSocket(port, 50, loopback)) {
            System.out.println("listening on " + port);
            System.out.flush();
            while (true) {
                try (Socket ignored = server.accept()) {
                    // accept and close
                }
            }
        }
    }
}
