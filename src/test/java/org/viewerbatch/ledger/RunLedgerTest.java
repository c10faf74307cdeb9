package org.viewerbatch.ledger;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import org.viewerbatch.ledger.LedgerChange.Result;
import org.viewerbatch.ledger.LedgerRow.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's tables in a real HSQLDB database: created once, and what goes in comes
 * back.
 */
class RunLedgerTest {

	private SingleConnectionDataSource dataSource;

	private RunLedger ledger;

	@BeforeEach
	void database() {
		this.dataSource = new SingleConnectionDataSource("jdbc:hsqldb:mem:ledger-" + System.nanoTime(), "sa", "", true);
		LedgerSchema.createIfMissing(this.dataSource);
		this.ledger = new RunLedger(this.dataSource);
	}

	@Test
	void theTablesAreCreatedOnceAndLeftAsTheyAre() {
		assertThat(LedgerSchema.exists(this.dataSource)).isTrue();
		this.ledger.record(List.of(applied(7, 2, "created")));

		LedgerSchema.createIfMissing(this.dataSource);

		assertThat(this.ledger.rowCount(7)).isEqualTo(1);
	}

	@Test
	void aRejectedRowKeepsItsCellsAsWrittenQuotesLineBreaksAndAll() {
		List<String> cells = List.of("ann@example.com", "Smith, Jr", "say \"hi\"", "two\nlines", "");
		this.ledger.record(List.of(new LedgerRow(7, 70, 3, Kind.REJECTED, "ann@example.com", null, "rejected", 0,
				"project 999 does not exist", "unknown-project", 422, cells)));

		assertThat(this.ledger.rows(7)).singleElement().satisfies((row) -> {
			assertThat(row.source()).isEqualTo(cells);
			assertThat(row.httpStatus()).isEqualTo(422);
			assertThat(row.viewerId()).isNull();
			assertThat(row.error()).isEqualTo("unknown-project");
		});
	}

	@Test
	void aLineRecordedAgainReplacesTheOneBeforeAndRowsComeInLineOrder() {
		this.ledger.record(List.of(applied(7, 5, "unchanged"), applied(7, 2, "created")));
		this.ledger.record(List.of(applied(7, 5, "assigned")));
		this.ledger.record(List.of(applied(8, 2, "created")));

		assertThat(this.ledger.rows(7)).extracting((row) -> row.line() + " " + row.outcome())
			.containsExactly("2 created", "5 assigned");
	}

	@Test
	void aValueLongerThanItsColumnIsCutNotRefused() {
		String detail = "x".repeat(30_000);
		this.ledger.record(List.of(new LedgerRow(7, 70, 2, Kind.APPLIED, "ann@example.com", 1L, "unchanged", 0, detail,
				null, null, List.of())));

		assertThat(this.ledger.rows(7)).singleElement()
			.satisfies((row) -> assertThat(row.detail()).hasSize(20_000).endsWith("…"));
	}

	@Test
	void changesAreFoundByInstanceExecutionAndEmailNewestFirst() {
		Instant at = Instant.parse("2026-12-01T02:00:00Z");
		this.ledger.recordChanges(List.of(change(7, 70, " Ann@Example.com", "create", null, at),
				change(7, 70, "ann@example.com", "assign", 101L, at.plusSeconds(1))));
		this.ledger.recordChanges(List.of(change(8, 80, "bob@example.com", "create", null, at.plusSeconds(2))));
		this.ledger.recordChanges(List.of(change(9, 90, "ANN@example.com", "archive", null, at.plusSeconds(3))));

		assertThat(this.ledger.changesOfInstance(7)).extracting(LedgerChange::operation)
			.containsExactly("create", "assign");
		assertThat(this.ledger.changesOfExecution(80, 100)).extracting(LedgerChange::email)
			.containsExactly("bob@example.com");
		assertThat(this.ledger.changesOfEmail("ann@EXAMPLE.com "))
			.extracting((change) -> change.executionId() + " " + change.operation() + " " + change.at())
			.containsExactly("90 archive " + at.plusSeconds(3), "70 assign " + at.plusSeconds(1), "70 create " + at);
	}

	private static long attempts;

	private static LedgerRow applied(long instance, long line, String outcome) {
		return new LedgerRow(instance, instance * 10, line, Kind.APPLIED, "viewer" + line + "@example.com", line,
				outcome, 1, "", null, null, List.of());
	}

	private static LedgerChange change(long instance, long execution, String email, String operation, Long project,
			Instant at) {
		return new LedgerChange(instance, execution, ++attempts, 2, email, 12L, operation, project, "", Result.DONE,
				null, "done", at);
	}

	@Test
	void anAnswerReplacesTheResultOfItsChangeSentAndAChangeLeftWithoutOneStaysSent() {
		Instant at = Instant.parse("2026-12-01T02:00:00Z");
		LedgerChange create = new LedgerChange(7, 70, 1, 2, "ann@example.com", null, "create", null,
				"email=ann@example.com", Result.SENT, null, "", at);
		LedgerChange assign = new LedgerChange(7, 70, 2, 2, "ann@example.com", 12L, "assign", 101L, "", Result.SENT,
				null, "", at);
		this.ledger.recordChanges(List.of(create, assign, new LedgerChange(7, 70, 1, 2, "ann@example.com", 12L,
				"create", null, "", Result.DONE, null, "viewer 12", at.plusMillis(40))));

		assertThat(this.ledger.changesOfExecution(70, 100)).extracting(
				(change) -> change.operation() + " " + change.result() + " " + change.viewerId() + " " + change.sent())
			.containsExactly("create DONE 12 email=ann@example.com", "assign SENT 12 ");
	}

}
