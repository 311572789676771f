using FluentValidation;
using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.Mediator;

// Runs every validator of the request and reports all failures at once, so a caller fixes its input in one round trip.
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)));
        }

        if (failures.Count > 0)
        {
            throw InputError.FromFields(failures);
        }

        return await next();
    }
}
