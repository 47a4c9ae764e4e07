from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from trustboard.core.errors import RuleError


def home(request):
    return render(request, "core/home.html")


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True



def form_page(request, *, form, save, title: str, back: str, done: str, **context):
    """Show a GOV.UK form page; on a valid post call `save`, which returns where to go next.

    A RuleError from the service appears beside its field, or above the form.
    """
    if request.method == "POST" and form.is_valid():
        try:
            target = save(form)
        except RuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, done)
            return redirect(target)
    return render(request, context.pop("template", "core/form.html"),
                  {"form": form, "title": title, "back": back, **context})
