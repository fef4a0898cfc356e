package vigil.server.db;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.server.config.VigilProperties;
import vigil.server.db.LocalPostgres.Login;

/** The database the server runs on: external when {@code VIGIL_DB_URL} is set, else the embedded PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    Database database(VigilProperties properties) {
        VigilProperties.Db db = properties.db();
        if (db.external()) {
            if (db.user() == null || db.user().isBlank()) {
                throw new IllegalStateException("VIGIL_DB_URL is set but VIGIL_DB_USER is not: name the role the server"
                        + " runs as");
            }
            Login app = new Login(db.user(), db.password());
            // Reached first, as each role: Flyway's failure to connect was said as a schema to migrate (audit 7).
            Migrations.reach(db.url(), app, "VIGIL_DB_USER");
            if (db.owner() != null && !db.owner().isBlank()) {
                Migrations.reach(db.url(), new Login(db.owner(), db.ownerPassword()), "VIGIL_DB_OWNER");
                Migrations.migrate(db.url(), new Login(db.owner(), db.ownerPassword()), app.user());
            } else {
                Migrations.validate(db.url(), app);
            }
            Migrations.checkRestricted(db.url(), app);
            return new Database(db.url(), app, null);
        }
        return Database.embedded(properties.dataDir());
    }

    /** Reads go through the pool; Spring's JDBC support is built on it. The Database closes it. */
    @Bean(destroyMethod = "")
    DataSource dataSource(Database database) {
        return database.pooled();
    }
}
