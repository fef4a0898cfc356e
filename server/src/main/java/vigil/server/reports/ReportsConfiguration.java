package vigil.server.reports;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.core.Policy;
import vigil.server.db.Database;

@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

    /** The follower that keeps the read tables; {@code vigil.reports.follow=false} leaves them as they are. */
    @Bean(destroyMethod = "close")
    ReportFollower reportFollower(Database database, Policy policy,
                                  @Value("${vigil.reports.follow:true}") boolean follow) {
        ReportFollower f = new ReportFollower(database, policy);
        return follow ? f.start() : f;
    }

    @Bean
    ServerReports serverReports(Database database, Policy policy) {
        return new ServerReports(database.pooled(), policy);
    }

    @Bean
    Timelines timelines(Database database) {
        return new Timelines(database.pooled());
    }
}
