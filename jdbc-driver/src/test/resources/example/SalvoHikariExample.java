import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Queries a Salvo server through a HikariCP pool; needs only the driver jar and HikariCP. */
public class SalvoHikariExample {
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args.length > 0 ? args[0] : "jdbc:salvo://localhost:32010");
    config.setMaximumPoolSize(4);
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT n_name FROM tpch.tiny.nation WHERE n_regionkey = ? ORDER BY n_name")) {
      statement.setInt(1, 3);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          System.out.println(result.getString(1));
        }
      }
    }
  }
}
