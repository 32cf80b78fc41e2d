package dev.ferry.connector.jdbc;

import org.apache.derby.drda.NetworkServerControl;
import org.junit.AfterClass;
import org.junit.BeforeClass;

import java.net.InetAddress;

/** Derby's network server, started in this JVM on a free port; its database lives under derby.system.home. */
public class DerbyNetworkTableTest extends AbstractTableTest {

    private static NetworkServerControl server;
    private static int port;

    @BeforeClass
    public static void startServer() throws Exception {
        port = freePort();
        server = new NetworkServerControl(InetAddress.getByName("127.0.0.1"), port);
        server.start(null);
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                server.ping();
                return;
            } catch (Exception notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Derby network server did not start on port " + port, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.shutdown();
    }

    @Override
    protected String url() {
        return "jdbc:derby://127.0.0.1:" + port + "/ferrynet;create=true";
    }

    @Override
    protected String unreachableUrl(String password) {
        try {
            return "jdbc:derby://127.0.0.1:" + freePort() + "/ferrynet;user=ferry;password=" + password;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
