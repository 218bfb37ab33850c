package refgraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community, embedded, with Bolt on 127.0.0.1 and authentication on.
 *
 * <pre>
 * java -cp "target/refgraph-neo4j.jar:target/lib/*" refgraph.Neo4jServer \
 *   --home DIR --password-file FILE [--pagecache 256m] --database neo4j:7687 [--database demo:7688 ...]
 * </pre>
 *
 * Community edition serves one user database per DBMS, so each named database gets a
 * DBMS of its own (home DIR/NAME, its own Bolt port) in this one JVM. The password is
 * read from an owner-only file, never from the command line, and set for the user
 * neo4j on every start. Prints "refgraph-neo4j ready" once every database answers;
 * shuts every DBMS down cleanly on SIGTERM and when the parent process dies.
 */
public final class Neo4jServer {
    private static final String USER = "neo4j";

    private Neo4jServer() {}

    public static void main(String[] args) throws Exception {
        try {
            serve(Arguments.parse(args));
        } catch (Exception | Error e) {
            // A database that failed to start leaves the others' threads running: exit for them.
            e.printStackTrace();
            System.err.println("refgraph-neo4j: could not start: " + e.getMessage());
            System.exit(1);
        }
        watchParent();
    }

    private static void serve(Arguments arguments) throws IOException {
        String password = Files.readString(arguments.passwordFile).strip();
        List<DatabaseManagementService> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "refgraph-neo4j-stop"));
        for (Map.Entry<String, Integer> database : arguments.databases.entrySet()) {
            DatabaseManagementService dbms = start(arguments, database.getKey(), database.getValue());
            synchronized (started) {
                started.add(dbms);
            }
            setPassword(dbms, password);
        }
        System.out.println("refgraph-neo4j ready " + arguments.databases);
        System.out.flush();
    }

    private static DatabaseManagementService start(Arguments arguments, String name, int port) {
        Path home = arguments.home.resolve(name);
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.initial_default_database, name)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, arguments.pagecache)
                // Queries carry names and phones in their parameters: never write them to a log.
                .setConfig(GraphDatabaseSettings.log_queries, GraphDatabaseSettings.LogQueryLevel.OFF)
                // Stop at once: Netty's default quiet period keeps every stop (and restart) 5 s longer.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .build();
    }

    /** The password is the file's on every start (a changed file takes effect at restart). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** Every database stops at the same time (each flushes its own store). */
    private static void stopAll(List<DatabaseManagementService> started) {
        synchronized (started) {
            started.parallelStream().forEach(dbms -> {
                try {
                    dbms.shutdown();
                } catch (RuntimeException e) {
                    System.err.println("refgraph-neo4j: shutting down a database failed: " + e);
                }
            });
            started.clear();
        }
    }

    /** Exit (running the shutdown hook) when the process that started us is gone. */
    private static void watchParent() throws InterruptedException {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        while (true) {
            Thread.sleep(1000);
            if (parent.isEmpty() || !parent.get().isAlive()) {
                System.out.println("refgraph-neo4j: parent process gone, stopping");
                System.exit(0);
            }
        }
    }

    private record Arguments(Path home, Path passwordFile, long pagecache, Map<String, Integer> databases) {
        static Arguments parse(String[] args) throws IOException {
            Path home = null;
            Path passwordFile = null;
            long pagecache = ByteUnit.mebiBytes(256);
            Map<String, Integer> databases = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--home" -> home = Path.of(value);
                    case "--password-file" -> passwordFile = Path.of(value);
                    case "--pagecache" -> pagecache = ByteUnit.parse(value);
                    case "--database" -> {
                        String[] nameAndPort = value.split(":", 2);
                        databases.put(nameAndPort[0], Integer.parseInt(nameAndPort[1]));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (home == null || passwordFile == null || databases.isEmpty()) {
                throw new IllegalArgumentException(
                        "usage: --home DIR --password-file FILE [--pagecache 256m] --database NAME:PORT ...");
            }
            Files.createDirectories(home);
            return new Arguments(home, passwordFile, pagecache, databases);
        }
    }
}
