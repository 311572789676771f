using Portal.SharedKernel.Mediator;

namespace Portal.Modules.Catalog.Contracts;

/// <summary>Removes an entity by its uid; a missing uid is a <c>NotFoundError</c>.</summary>
public sealed record RemoveEntity(Guid Uid) : IRequest<EntityRemoved>, IRetriedOnConcurrencyConflict;
