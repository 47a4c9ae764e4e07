from django.shortcuts import render


def scenario_list(request):
    return render(request, "governance/scenario_list.html", {})
