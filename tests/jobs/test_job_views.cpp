#include <QtTest>
class JobViewsTest : public QObject { Q_OBJECT };
QTEST_MAIN(JobViewsTest)
#include "test_job_views.moc"
