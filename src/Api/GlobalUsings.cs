// What nearly every use case file needs: its request validated, its action authorized, its route declared, the Domain.
global using FluentValidation;
global using LoiTracker.Api.Auth;
global using LoiTracker.Api.Infrastructure;
global using LoiTracker.Domain.Common;
global using LoiTracker.Domain.Milestones;
global using Marten;
global using Microsoft.AspNetCore.Authorization;
global using Wolverine.Http;
