using Npgsql;
using NpgsqlTypes;
using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.EventStore;

// Writes a session's streams and events inside the caller's transaction in two round trips: one batch that locks the
// streams and claims their versions (concurrent appends to one stream queue up), then one set-based insert of every event.
internal sealed class EventWriter(EventSerializer serializer, NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private string Schema => serializer.Schema;

    public async Task<List<StoredEvent>> WriteAsync(IReadOnlyCollection<EventStreamState> streams, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var baseVersions = await ClaimVersionsAsync(streams, cancellationToken);
        var pending = streams.SelectMany(s => s.Events.Select((e, i) => (Stream: s, Event: e, Version: baseVersions[s.StreamId] + i + 1))).ToList();

        await using var insert = new NpgsqlCommand($"""
            insert into {Schema}.events (id, stream_id, version, type, data, correlation_id, causation_id, user_name)
            select u.id, u.stream_id, u.version, u.type, u.data::jsonb, $6, $7, $8
            from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[]) as u(id, stream_id, version, type, data)
            returning id, seq, timestamp
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = pending.Select(p => p.Event.Id).ToArray() },
                new() { Value = pending.Select(p => p.Stream.StreamId).ToArray() },
                new() { Value = pending.Select(p => p.Version).ToArray() },
                new() { Value = pending.Select(p => p.Event.TypeName).ToArray() },
                new() { Value = pending.Select(p => EventSerializer.Serialize(p.Event.Data)).ToArray() },
                Text(metadata.CorrelationId),
                Text(metadata.CausationId),
                Text(metadata.User),
            },
        };
        var stored = new Dictionary<Guid, (long Sequence, DateTimeOffset Timestamp)>(pending.Count);
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        return pending
            .Select(p => new StoredEvent(
                stored[p.Event.Id].Sequence, p.Event.Id, p.Stream.StreamId, p.Version, p.Event.TypeName, p.Event.Data,
                stored[p.Event.Id].Timestamp, metadata))
            .OrderBy(e => e.Sequence)
            .ToList();
    }

    private async Task<Dictionary<string, long>> ClaimVersionsAsync(IReadOnlyCollection<EventStreamState> streams, CancellationToken cancellationToken)
    {
        var created = streams.Where(s => s.IsNew).ToList();
        var expected = streams.Where(s => s.ExpectedVersion > 0).ToList();
        var any = streams.Where(s => s.ExpectedVersion is null).ToList();

        await using var batch = new NpgsqlBatch(connection, transaction);

        // Row locks would be taken in each statement's own order, so two saves touching the same streams in different
        // orders could deadlock (40P01). Locking every stream first, sorted by id, makes them queue up instead.
        batch.BatchCommands.Add(Command(
            $"select pg_advisory_xact_lock(hashtextextended('{Schema}.streams:' || u.id, 0)) from unnest($1::text[]) with ordinality as u(id, n) order by u.n",
            (object)streams.Select(s => s.StreamId).Order(StringComparer.Ordinal).ToArray()));
        if (created.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                $"""
                insert into {Schema}.streams (id, aggregate_type, version)
                select * from unnest($1::text[], $2::text[], $3::bigint[]) on conflict (id) do nothing returning id, version
                """,
                created.Select(s => s.StreamId).ToArray(), created.Select(s => s.AggregateType).ToArray(), created.Select(s => (long)s.Events.Count).ToArray()));
        }

        if (expected.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                $"""
                update {Schema}.streams s set version = u.expected + u.count, updated_at = now()
                from unnest($1::text[], $2::bigint[], $3::bigint[]) as u(id, expected, count)
                where s.id = u.id and s.version = u.expected returning s.id, s.version
                """,
                expected.Select(s => s.StreamId).ToArray(), expected.Select(s => s.ExpectedVersion!.Value).ToArray(), expected.Select(s => (long)s.Events.Count).ToArray()));
        }

        if (any.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                $"""
                insert into {Schema}.streams as s (id, version) select * from unnest($1::text[], $2::bigint[])
                on conflict (id) do update set version = s.version + excluded.version, updated_at = now() returning id, version
                """,
                any.Select(s => s.StreamId).ToArray(), any.Select(s => (long)s.Events.Count).ToArray()));
        }

        var newVersions = new Dictionary<string, long>(streams.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The first result is the locks'; each later one lists the streams it claimed with their new versions.
            while (await reader.NextResultAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    newVersions[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
        }

        var rejected = streams.FirstOrDefault(s => !newVersions.ContainsKey(s.StreamId));
        if (rejected is not null)
        {
            throw new ConcurrencyError(rejected.StreamId, rejected.ExpectedVersion ?? 0, await CurrentVersionAsync(rejected.StreamId, cancellationToken));
        }

        return streams.ToDictionary(s => s.StreamId, s => newVersions[s.StreamId] - s.Events.Count);
    }

    private async Task<long?> CurrentVersionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select version from {Schema}.streams where id = $1", connection, transaction)
        {
            Parameters = { new() { Value = streamId } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
